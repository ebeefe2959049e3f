namespace Portal.Core.Domain;

/// <summary>One entry in a request's history: who did what, when.</summary>
public sealed class SupportRequestEvent
{
    public int Id { get; set; }
    public int SupportRequestId { get; set; }
    public DateTime OccurredUtc { get; set; }
    public int? ActorPersonId { get; set; }
    public required string What { get; set; }
}
