using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Portal.Core.Notices.Mail;

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
