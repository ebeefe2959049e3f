namespace Portal.Core.Domain;

/// <summary>
/// One saved version of an article, draft or published: the history of what it said, who wrote it and when. The
/// article row itself holds what staff read — the last version published.
/// </summary>
public sealed class GuidanceVersion
{
    public int Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>1, 2, 3, … for each article.</summary>
    public int Number { get; set; }

    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string BodyMarkdown { get; set; }
    public HeldFields Fields { get; set; }
    public List<SensitiveRole> ForRoles { get; set; } = [];
    public DateOnly LastReviewedOn { get; set; }

    public DateTime SavedUtc { get; set; }
    public int? SavedByPersonId { get; set; }
    public required string SavedBySubject { get; set; }

    /// <summary>True for a version that was published (staff read it until the next one).</summary>
    public bool Published { get; set; }
}
