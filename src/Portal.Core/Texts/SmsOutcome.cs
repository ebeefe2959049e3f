namespace Portal.Core.Texts;

public enum SmsOutcome
{
    /// <summary>The gateway took it; a delivery report follows.</summary>
    Accepted,

    /// <summary>The gateway refused it and would refuse it again (a number it cannot route, say).</summary>
    Refused,

    /// <summary>The gateway could not be reached or was busy: try again later. Never a permanent failure.</summary>
    Unavailable,
}
