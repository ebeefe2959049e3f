namespace Portal.Core.Domain;

/// <summary>The letters one run of the ladder job printed for a campaign: one PDF, a letter a page.</summary>
public sealed class LetterBatch
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public int Letters { get; set; }

    /// <summary>When an administrator first downloaded it; null until then.</summary>
    public DateTime? FirstDownloadedUtc { get; set; }
}
