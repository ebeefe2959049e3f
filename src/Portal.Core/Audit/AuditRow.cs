namespace Portal.Core.Audit;

/// <summary>One event as the audit pages and export show it, with the people it names looked up.</summary>
public sealed record AuditRow(
    long? Sequence, DateTime OccurredUtc, string ActorSubject, string? ActorPayNumber, string? ActorName, string Action,
    string? SubjectPayNumber, string? SubjectName, string? Target, string? Detail, string? From, string? Hash);
