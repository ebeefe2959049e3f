namespace Portal.Core.Domain;

/// <summary>A message in a request's thread, visible to the requester.</summary>
public sealed class SupportMessage
{
    public int Id { get; set; }
    public int SupportRequestId { get; set; }
    public DateTime SentUtc { get; set; }

    /// <summary>True when the requester wrote it; false when the welfare team did.</summary>
    public bool FromRequester { get; set; }

    public int? AuthorPersonId { get; set; }
    public required string Body { get; set; }
}
