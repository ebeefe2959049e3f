using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Core.Notices.Mail;

/// <summary>An open way of handing messages over: an SMTP connection, or the pickup folder.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>False once the connection has failed and must not be used again.</summary>
    bool IsUsable { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Hands out mail connections and keeps them open between batches, one per worker at most, so each batch does not
/// pay for a TCP and TLS handshake and a login.
/// </summary>
public sealed class MailConnectionPool(IOptions<MailOptions> options, IOptions<NoticeOptions> notices) : IAsyncDisposable
{
    private static readonly TimeSpan CheckIdleAfter = TimeSpan.FromSeconds(30);
    private readonly ConcurrentBag<(IMailConnection Connection, long ReturnedAt)> idle = [];
    private readonly MailOptions mail = options.Value;

    public async Task<IMailConnection> RentAsync(CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var entry))
        {
            if (entry.Connection is SmtpConnection smtp && System.Diagnostics.Stopwatch.GetElapsedTime(entry.ReturnedAt) > CheckIdleAfter
                && !await smtp.StillOpenAsync(cancellationToken))
            {
                await entry.Connection.DisposeAsync();
                continue;
            }

            if (entry.Connection.IsUsable)
            {
                return entry.Connection;
            }

            await entry.Connection.DisposeAsync();
        }

        return await OpenAsync(cancellationToken);
    }

    /// <summary>
    /// A new connection in place of one that has just failed (a relay restarted since it was opened drops every
    /// connection it had), for the message it failed on to go again at once. Throws when the relay cannot be reached.
    /// </summary>
    public async Task<IMailConnection> ReplaceAsync(IMailConnection failed, CancellationToken cancellationToken)
    {
        await failed.DisposeAsync();
        return await OpenAsync(cancellationToken);
    }

    private async Task<IMailConnection> OpenAsync(CancellationToken cancellationToken) =>
        mail.Delivery == MailDelivery.Pickup
            ? new PickupConnection(Path.GetFullPath(mail.PickupDirectory))
            : await SmtpConnection.OpenAsync(mail, cancellationToken);

    /// <summary>Keeps a healthy connection for the next batch; closes a broken one or one too many.</summary>
    public async ValueTask ReturnAsync(IMailConnection connection)
    {
        if (connection.IsUsable && idle.Count < notices.Value.Parallelism)
        {
            idle.Add((connection, System.Diagnostics.Stopwatch.GetTimestamp()));
            return;
        }

        await connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var entry))
        {
            await entry.Connection.DisposeAsync();
        }
    }
}

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
        try
        {
            await client.SendAsync(message, cancellationToken);
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

/// <summary>
/// The embedded default without a relay: each message written as a .eml file named after its delivery, so a
/// message sent twice replaces its file instead of adding another. Written to a temporary name and moved, so a
/// reader never sees half a message.
/// </summary>
internal sealed class PickupConnection(string directory) : IMailConnection
{
    public bool IsUsable => true;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(directory, name + ".eml");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Whether notices could be handed over now: the relay answers and accepts the portal's credentials, or the pickup folder can be written.</summary>
public static class MailProbe
{
    /// <summary>Throws with the reason when mail cannot be handed over.</summary>
    public static async Task CheckAsync(MailOptions options, CancellationToken cancellationToken)
    {
        if (options.Delivery == MailDelivery.Pickup)
        {
            var directory = Path.GetFullPath(options.PickupDirectory);
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [], cancellationToken);
            File.Delete(probe);
            return;
        }

        await using var connection = await SmtpConnection.OpenAsync(options, cancellationToken);
    }
}
