using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Core.Notices.Mail;

/// <summary>What a sending exception means for the recipient and for the batch.</summary>
public sealed record MailFailure(FailureScope Scope, bool Permanent, string Reason)
{
    public static MailFailure Classify(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command =>
            new(FailureScope.Recipient, (int)command.StatusCode >= 500, Describe(command)),
        SmtpCommandException command => new(FailureScope.Connection, false, Describe(command)),
        _ when IsTransport(exception) => new(FailureScope.Connection, false, exception.GetType().Name + ": " + exception.Message),
        _ => new(FailureScope.Connection, false, exception.GetType().Name),
    };

    /// <summary>
    /// True when the exception says the relay, or the connection to it, cannot take messages now (refused, dropped,
    /// timed out, 421): not one recipient's problem, and not the portal's own (the database, a bug), which go on up.
    /// </summary>
    public static bool IsRelayFault(Exception exception) =>
        exception is SmtpCommandException { ErrorCode: not (SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted) }
        || IsTransport(exception);

    private static bool IsTransport(Exception exception) =>
        exception is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or IOException or SocketException or TimeoutException or SslHandshakeException or ProtocolException;

    private static string Describe(SmtpCommandException command) =>
        $"{(int)command.StatusCode} {command.Message}".Trim();
}
