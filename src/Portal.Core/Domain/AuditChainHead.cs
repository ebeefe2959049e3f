namespace Portal.Core.Domain;

/// <summary>The end of the audit chain: the last event's sequence and hash, so that events removed from the end are noticed too.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = "";
}
