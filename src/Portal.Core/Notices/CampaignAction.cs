namespace Portal.Core.Notices;

/// <summary>What an administrator (or the sweeper) can do to a campaign; <see cref="CampaignWorkflow"/> says from where.</summary>
public enum CampaignAction
{
    Edit,
    Send,
    Approve,
    ReturnToDraft,
    Pause,
    Resume,
    Cancel,
}
