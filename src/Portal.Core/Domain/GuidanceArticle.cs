namespace Portal.Core.Domain;

/// <summary>An article of guidance, in Markdown, tagged with the data fields and sensitive roles it is for.</summary>
public sealed class GuidanceArticle
{
    public int Id { get; set; }

    /// <summary>The article's address: <c>/guidance/{slug}</c>.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string BodyMarkdown { get; set; }

    /// <summary>The data fields whose exposure makes this article relevant; none for general guidance.</summary>
    public HeldFields Fields { get; set; }

    /// <summary>The sensitive roles the article is written for; empty when it is for everyone.</summary>
    public List<SensitiveRole> ForRoles { get; set; } = [];

    public GuidanceStatus Status { get; set; }
    public DateOnly LastReviewedOn { get; set; }
    public int DisplayOrder { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
