namespace Portal.Core.Notices.Mail;

public enum FailureScope
{
    /// <summary>About this one recipient's message: record it against their row.</summary>
    Recipient,

    /// <summary>About the relay or the connection: nobody's fault in particular; the rows go back to be sent later.</summary>
    Connection,
}
