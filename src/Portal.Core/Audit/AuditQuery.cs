namespace Portal.Core.Audit;

/// <summary>
/// What to look for in the audit trail. Times are UTC; the end is exclusive. Events about support requests restricted
/// to welfare leads (their requester is in a sensitive role) are left out unless <paramref name="IncludeRestricted"/>.
/// </summary>
public sealed record AuditQuery(string? ActorSubject, int? ActorPersonId, int? SubjectPersonId, string? Action, DateTime? FromUtc, DateTime? BeforeUtc, bool IncludeRestricted = false)
{
    /// <summary>True when the query looks up what happened to a named person, or what a named person did.</summary>
    public bool NamesSomeone => ActorSubject is not null || ActorPersonId is not null || SubjectPersonId is not null;
}
