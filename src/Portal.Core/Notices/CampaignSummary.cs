using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// What every page about one campaign shows at its top: the campaign, what it is about, who it goes to (the count as it
/// stands before sending, the count it was sent to after), and who composed and approved it.
/// </summary>
public sealed record CampaignSummary(
    NoticeCampaign Campaign,
    string? IncidentTitle,
    string AudienceDetail,
    int Recipients,
    string? ComposedBy,
    string? ApprovedBy)
{
    /// <summary>Sending has begun (it may since have been paused, finished or cancelled): there is progress to show.</summary>
    public bool HasStarted => Campaign.Status is CampaignStatus.Sending or CampaignStatus.Paused or CampaignStatus.Completed
        || (Campaign.Status == CampaignStatus.Cancelled && Campaign.StartedUtc is not null);
}
