namespace Portal.Core.Audit;

/// <summary>One thing found wrong with the audit chain, at the event (by sequence) where it shows.</summary>
public sealed record AuditChainProblem(long? Sequence, string Message);
