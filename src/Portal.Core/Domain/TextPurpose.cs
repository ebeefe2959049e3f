namespace Portal.Core.Domain;

public enum TextPurpose
{
    /// <summary>A six-digit code confirming a mobile number.</summary>
    ConfirmationCode,

    /// <summary>A notice's text step: there is news in the portal.</summary>
    Notice,
}
