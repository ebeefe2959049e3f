namespace Portal.Core.Domain;

/// <summary>
/// One recipient of one campaign (unique per campaign and person). This table, not the job queue, is the truth
/// about who has been warned.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int PersonId { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Which batch run holds the row while it is <see cref="DeliveryStatus.Sending"/>; only that run may stamp it.</summary>
    public string? ClaimToken { get; set; }

    public DateTime? ClaimedUtc { get; set; }
    public DateTime? NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
}
