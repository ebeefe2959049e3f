using MimeKit;

namespace Portal.Core.Notices.Mail;

/// <summary>An open way of handing messages over: an SMTP connection, or the pickup folder.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>False once the connection has failed and must not be used again.</summary>
    bool IsUsable { get; }

    /// <summary>
    /// Hands the message over. <paramref name="cancellationToken"/> is honoured before the handover starts, never part
    /// way: a relay may already hold a message when its sender is told to stop (a node stopping, or Hangfire aborting
    /// a job), and a message it holds but its sender never recorded would be sent again by whoever takes the work up.
    /// A relay that does not answer is bounded by the connection's own timeout.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
