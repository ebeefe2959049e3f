using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// Writes what happened to each message to its delivery row, for every worker of this process, with group commit:
/// the stamps that arrive within a millisecond of each other go in one transaction. A worker goes on to send its
/// next message while its last stamp commits, and waits for that commit before starting another, so a crash can
/// repeat at most <see cref="NoticeSender.MostUnrecorded"/> messages a worker — but 47,000 stamps cost a few
/// thousand commits rather than 47,000: on SQLite (one writer at a time, index pages rewritten per commit) the
/// difference is seconds of a campaign.
/// </summary>
public sealed class DeliveryStampWriter(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private const int MostPerCommit = 512;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);
    private readonly Channel<Stamp> queue = Channel.CreateUnbounded<Stamp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock starting = new();
    private Task? loop;

    /// <summary>Marks the row sent, if the claim <paramref name="token"/> still holds it; completes once committed.</summary>
    public Task SentAsync(long deliveryId, string token, DateTime nowUtc) =>
        EnqueueAsync(new Stamp(deliveryId, token, DeliveryStatus.Sent, nowUtc, null, null));

    /// <summary>Records a refusal (for now, with when to try again, or for good), if the claim still holds the row.</summary>
    public Task FailedAsync(long deliveryId, string token, DeliveryStatus status, string error, DateTime? nextAttemptUtc) =>
        EnqueueAsync(new Stamp(deliveryId, token, status, null, error, nextAttemptUtc));

    private Task EnqueueAsync(Stamp stamp)
    {
        lock (starting)
        {
            loop ??= Task.Run(RunAsync);
        }

        if (!queue.Writer.TryWrite(stamp))
        {
            throw new InvalidOperationException("The delivery stamp writer has stopped: the host is shutting down.");
        }

        return stamp.Committed.Task;
    }

    private async Task RunAsync()
    {
        try
        {
            await WriteAsync();
        }
#pragma warning disable CA1031 // Not swallowed: handed to every worker waiting on a stamp, and the next stamp starts a new loop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lock (starting)
            {
                loop = null;
            }

            while (queue.Reader.TryRead(out var stamp))
            {
                stamp.Committed.TrySetException(exception);
            }
        }
    }

    private async Task WriteAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var t = TableMap.For<Delivery>(db);
        var guard = $"WHERE {t[nameof(Delivery.Id)]} = @id AND {t[nameof(Delivery.ClaimToken)]} = @token AND {t[nameof(Delivery.Status)]} = @sending";
        await using var sent = Prepare(connection,
            $"UPDATE {t.Name} SET {t[nameof(Delivery.Status)]} = @status, {t[nameof(Delivery.SentUtc)]} = @now, {t[nameof(Delivery.Attempts)]} = {t[nameof(Delivery.Attempts)]} + 1, " +
            $"{t[nameof(Delivery.LastError)]} = NULL, {t[nameof(Delivery.NextAttemptUtc)]} = NULL, {t[nameof(Delivery.ClaimToken)]} = NULL {guard}", "@now");
        await using var failed = Prepare(connection,
            $"UPDATE {t.Name} SET {t[nameof(Delivery.Status)]} = @status, {t[nameof(Delivery.LastError)]} = @error, {t[nameof(Delivery.NextAttemptUtc)]} = @next, " +
            $"{t[nameof(Delivery.Attempts)]} = {t[nameof(Delivery.Attempts)]} + 1, {t[nameof(Delivery.ClaimToken)]} = NULL {guard}", "@error", "@next");

        var batch = new List<Stamp>(MostPerCommit);
        while (await queue.Reader.WaitToReadAsync())
        {
            // Let the other workers' stamps catch up: a commit costs far more than a row in it. No worker waits on
            // this: each is sending its next message meanwhile (see NoticeSender.MostUnrecorded).
            await Task.Delay(Linger);
            batch.Clear();
            while (batch.Count < MostPerCommit && queue.Reader.TryRead(out var stamp))
            {
                batch.Add(stamp);
            }

            try
            {
                await using (var transaction = await connection.BeginTransactionAsync())
                {
                    sent.Transaction = failed.Transaction = transaction;
                    foreach (var stamp in batch)
                    {
                        var command = stamp.Status == DeliveryStatus.Sent ? sent : failed;
                        command.Parameters["@id"].Value = stamp.DeliveryId;
                        command.Parameters["@token"].Value = stamp.Token;
                        command.Parameters["@status"].Value = stamp.Status.ToString();
                        if (stamp.Status == DeliveryStatus.Sent)
                        {
                            command.Parameters["@now"].Value = stamp.SentUtc!.Value;
                        }
                        else
                        {
                            command.Parameters["@error"].Value = stamp.Error;
                            command.Parameters["@next"].Value = stamp.NextAttemptUtc is { } next ? next : DBNull.Value;
                        }

                        await command.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }

                batch.ForEach(stamp => stamp.Committed.TrySetResult());
            }
#pragma warning disable CA1031 // Not swallowed: every worker waiting on these stamps gets the exception and fails its job.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                batch.ForEach(stamp => stamp.Committed.TrySetException(exception));
            }
        }
    }

    private static DbCommand Prepare(DbConnection connection, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "@id", "@token", "@sending", "@status" }.Concat(extra))
        {
            command.AddParameter(name);
        }

        command.Parameters["@sending"].Value = nameof(DeliveryStatus.Sending);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
    }

    private sealed record Stamp(long DeliveryId, string Token, DeliveryStatus Status, DateTime? SentUtc, string? Error, DateTime? NextAttemptUtc)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
