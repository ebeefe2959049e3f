namespace Portal.Core.Domain;

/// <summary>A reply the welfare leads keep for the team to send, with safe placeholders filled in for each requester.</summary>
public sealed class SavedReply
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int? UpdatedByPersonId { get; set; }
    public int Version { get; set; }
}
