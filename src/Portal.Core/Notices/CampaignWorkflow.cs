using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Notices;

/// <summary>
/// The campaign's life as a table: a draft is changed and sent; above the approval threshold it waits for a second
/// administrator, who approves it or returns it to a draft; it is then scheduled or sending; sending can be paused
/// and resumed, and it completes when no one is left; anything not finished can be cancelled. Anything else is
/// refused with the action's own words.
/// </summary>
public static class CampaignWorkflow
{
    private static readonly Dictionary<CampaignAction, (CampaignStatus[] From, string Otherwise)> Allowed = new()
    {
        [CampaignAction.Edit] = ([CampaignStatus.Draft], "Only a draft can be changed."),
        [CampaignAction.Send] = ([CampaignStatus.Draft], "This campaign has already been sent."),
        [CampaignAction.Approve] = ([CampaignStatus.AwaitingApproval], "This campaign is not waiting for approval."),
        [CampaignAction.ReturnToDraft] = ([CampaignStatus.AwaitingApproval], "This campaign is not waiting for approval."),
        [CampaignAction.Pause] = ([CampaignStatus.Sending, CampaignStatus.Completed], "Only a campaign that is sending, or whose ladder is still going, can be paused."),
        [CampaignAction.Resume] = ([CampaignStatus.Paused], "Only a paused campaign can be resumed."),
        [CampaignAction.Cancel] = (
            [CampaignStatus.Draft, CampaignStatus.AwaitingApproval, CampaignStatus.Scheduled, CampaignStatus.Sending, CampaignStatus.Paused],
            "This campaign has already finished."),
    };

    public static bool Allows(CampaignAction action, CampaignStatus from) => Allowed[action].From.Contains(from);

    /// <summary>Refuses the action (against the field <c>status</c>) unless the campaign's status allows it.</summary>
    /// <exception cref="RefusedException">The campaign is not where the action starts from.</exception>
    public static void Require(CampaignAction action, CampaignStatus from)
    {
        if (!Allows(action, from))
        {
            throw new RefusedException("status", Allowed[action].Otherwise);
        }
    }

    /// <summary>A completed or cancelled campaign has finished: nothing more is sent.</summary>
    public static bool IsFinished(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Cancelled;
}
