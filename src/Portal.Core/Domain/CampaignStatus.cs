namespace Portal.Core.Domain;

public enum CampaignStatus
{
    Draft,

    /// <summary>Sent for sending to more people than the approval threshold; waits for a second administrator.</summary>
    AwaitingApproval,
    Scheduled,
    Sending,
    Paused,
    Completed,
    Cancelled,
}
