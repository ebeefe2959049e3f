namespace Portal.Core.Domain;

/// <summary>An internal note by the welfare team. Kept apart from messages so no query for the requester can reach it.</summary>
public sealed class SupportNote
{
    public int Id { get; set; }
    public int SupportRequestId { get; set; }
    public DateTime WrittenUtc { get; set; }
    public int? AuthorPersonId { get; set; }
    public required string Body { get; set; }
}
