namespace Portal.Core.Domain;

public enum EscalationStatus
{
    /// <summary>Due, and waiting for the ladder job.</summary>
    Pending,

    /// <summary>Claimed by a run of the ladder job.</summary>
    Working,

    /// <summary>Done: the e-mail or text handed over, the letter printed in a batch, the call task made.</summary>
    Done,

    /// <summary>The relay or gateway could not be reached: tried again after <see cref="Escalation.NextAttemptUtc"/>.</summary>
    WaitingToRetry,

    /// <summary>Refused for good, with the reason.</summary>
    Failed,

    /// <summary>Not done: the person confirmed first, removed their number, left, or the campaign was cancelled.</summary>
    Cancelled,
}
