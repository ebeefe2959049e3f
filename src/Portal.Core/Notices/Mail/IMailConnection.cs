using MimeKit;

namespace Portal.Core.Notices.Mail;

/// <summary>An open way of handing messages over: an SMTP connection, or the pickup folder.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>False once the connection has failed and must not be used again.</summary>
    bool IsUsable { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
