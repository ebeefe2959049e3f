namespace Portal.Core.Domain;

public enum TextMessageStatus
{
    Pending,
    Sending,

    /// <summary>The gateway took it; waiting for the network's report.</summary>
    Accepted,

    Delivered,

    /// <summary>The gateway could not be reached: it is tried again later.</summary>
    WaitingToRetry,

    /// <summary>Refused by the gateway or reported failed by the network, with its reason.</summary>
    Failed,

    /// <summary>Not sent: the person confirmed first, removed their number, or the campaign was cancelled.</summary>
    Cancelled,
}
