using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>Where a campaign has got to. The counts always add up to <see cref="Total"/>.</summary>
public sealed record CampaignProgress(
    CampaignStatus Status,
    int Total,
    int Sent,
    int FailedPermanent,
    int WaitingToRetry,
    int Pending,
    int Sending,
    int Cancelled,
    double PerMinute,
    TimeSpan? Eta)
{
    /// <summary>Rows with nothing more to do: sent, failed for good or cancelled.</summary>
    public int Done => Sent + FailedPermanent + Cancelled;

    public int Percent => Total == 0 ? 100 : (int)Math.Floor(100.0 * Done / Total);
}
