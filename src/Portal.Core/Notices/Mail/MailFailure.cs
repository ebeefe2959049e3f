using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Core.Notices.Mail;

public enum FailureScope
{
    /// <summary>About this one recipient's message: record it against their row.</summary>
    Recipient,

    /// <summary>About the relay or the connection: nobody's fault in particular; the rows go back to be sent later.</summary>
    Connection,
}

/// <summary>What a sending exception means for the recipient and for the batch.</summary>
public sealed record MailFailure(FailureScope Scope, bool Permanent, string Reason)
{
    public static MailFailure Classify(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command =>
            new(FailureScope.Recipient, (int)command.StatusCode >= 500, Describe(command)),
        SmtpCommandException command => new(FailureScope.Connection, false, Describe(command)),
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or IOException or SocketException or TimeoutException or SslHandshakeException or ProtocolException =>
            new(FailureScope.Connection, false, exception.GetType().Name + ": " + exception.Message),
        _ => new(FailureScope.Connection, false, exception.GetType().Name),
    };

    private static string Describe(SmtpCommandException command) =>
        $"{(int)command.StatusCode} {command.Message}".Trim();
}
