using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Core.Notices.Mail;

/// <summary>An SMTP connection through MailKit, over a socket with Nagle's algorithm off.</summary>
internal sealed class SmtpConnection : IMailConnection
{
    private readonly SmtpClient client;
    private bool broken;
    private bool disposed;

    private SmtpConnection(SmtpClient client) => this.client = client;

    public bool IsUsable => !broken && !disposed && client.IsConnected;

    public static async Task<SmtpConnection> OpenAsync(MailOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("Mail:Delivery is Smtp but Mail:Host is not set. Set the relay's host name, or use Pickup.");
        }

        // MailKit never sets TCP_NODELAY on the sockets it opens; with Nagle's algorithm on, each message can wait
        // ~40 ms for the server's delayed acknowledgement. So the socket is opened here and handed over connected.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
            }

            var security = options.Security switch
            {
                MailSecurity.None => SecureSocketOptions.None,
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(socket, options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }

            return new SmtpConnection(client);
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Not cancelled part way (see IMailConnection.SendAsync): the connection's timeout bounds a silent relay.
            await client.SendAsync(message, CancellationToken.None);
        }
        catch (Exception exception) when (MailFailure.Classify(exception).Scope == FailureScope.Connection)
        {
            broken = true;
            throw;
        }
    }

    public async Task<bool> StillOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.NoOpAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            broken = true;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (client.IsConnected && !broken)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception exception) when (exception is IOException or SocketException or MailKit.ProtocolException or TimeoutException)
            {
                // Closing a connection the server has already dropped; there is nothing left to tell it.
            }
        }

        client.Dispose();
    }
}
