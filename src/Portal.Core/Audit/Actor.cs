namespace Portal.Core.Audit;

/// <summary>Who is acting, as the audit trail records them.</summary>
public sealed record Actor(int? PersonId, string Subject, string? From);
