namespace Portal.Core.Domain;

public enum DeliveryStatus
{
    Pending,
    Sending,
    Sent,
    FailedTemporary,
    FailedPermanent,

    /// <summary>Not sent because the campaign was cancelled first.</summary>
    Cancelled,
}
