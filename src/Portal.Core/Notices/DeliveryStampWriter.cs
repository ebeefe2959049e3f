using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// Writes what happened to each message to its delivery row, for every worker of this process, with group commit:
/// stamps wait in a queue until a worker asks for them (<see cref="Flush"/>), and then all that have gathered, from
/// every worker, go in one transaction. A worker asks a message before it would have to wait, and goes on sending
/// while the commit runs, so a crash can repeat at most <see cref="Jobs.NoticeBatchJob.MostUnrecorded"/> messages a worker —
/// but 47,000 stamps cost about 10,000 commits rather than 47,000: on SQLite (one writer at a time, index pages
/// rewritten per commit) the difference is seconds of a campaign. On PostgreSQL a commit's stamps go to the server as
/// one batch, its own transaction, so a commit is one round trip whatever it holds. A fixed wait for stamps to gather would not do:
/// on two busy cores a 1 ms timer fires late, and every worker stands waiting for it.
/// </summary>
public sealed class DeliveryStampWriter(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private const int MostPerCommit = 512;

    /// <summary>The longest stamps wait for a commit when no worker has asked for one.</summary>
    private static readonly TimeSpan MostLinger = TimeSpan.FromMilliseconds(20);

    private readonly Channel<Stamp> queue = Channel.CreateUnbounded<Stamp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock starting = new();
    private TaskCompletionSource wanted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private int queued;

    /// <summary>
    /// Marks the row sent, if the claim <paramref name="token"/> still holds it. The returned task completes once
    /// committed; the commit waits for other stamps to join it until someone asks for it with <see cref="Flush"/>.
    /// </summary>
    public Task SentAsync(long deliveryId, string token, DateTime nowUtc) =>
        EnqueueAsync(new Stamp(deliveryId, token, DeliveryStatus.Sent, nowUtc, null, null));

    /// <summary>Records a refusal (for now, with when to try again, or for good), if the claim still holds the row; committed at once.</summary>
    public Task FailedAsync(long deliveryId, string token, DeliveryStatus status, string error, DateTime? nextAttemptUtc)
    {
        var committed = EnqueueAsync(new Stamp(deliveryId, token, status, null, error, nextAttemptUtc));
        Flush();
        return committed;
    }

    /// <summary>Asks for the stamps queued so far to be committed now, with whatever other stamps have joined them.</summary>
    public void Flush() => Volatile.Read(ref wanted).TrySetResult();

    private Task EnqueueAsync(Stamp stamp)
    {
        lock (starting)
        {
            loop ??= Task.Run(RunAsync);
        }

        Interlocked.Increment(ref queued);
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
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite copies its write-ahead log back into the database (and syncs the disk) inside whichever commit
            // takes the log past its limit: here that would be a stamp commit every few seconds, holding up every
            // worker for ~10 ms. This connection leaves it to the others, which commit once a batch.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync();
        }

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
            // Group commit: a commit costs far more than a row in it, so stamps wait for others to join them until
            // a worker asks for them (it does so a message before it would have to wait; see NoticeBatchJob) or
            // enough have gathered. A request after the reset below is for the next commit.
            var request = Volatile.Read(ref wanted).Task;
            if (!request.IsCompleted && Volatile.Read(ref queued) < MostPerCommit)
            {
                await Task.WhenAny(request, Task.Delay(MostLinger));
            }

            Volatile.Write(ref wanted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            batch.Clear();
            while (batch.Count < MostPerCommit && queue.Reader.TryRead(out var stamp))
            {
                batch.Add(stamp);
            }

            Interlocked.Add(ref queued, -batch.Count);

            try
            {
                if (connection is Npgsql.NpgsqlConnection postgres)
                {
                    await WriteInOneTripAsync(postgres, sent.CommandText, failed.CommandText, batch);
                }
                else
                {
                    await using var transaction = await connection.BeginTransactionAsync();
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

    /// <summary>
    /// PostgreSQL: a commit's stamps as one batch of the per-row statements (each finds its row by its primary key),
    /// sent to the server in one round trip. With no transaction open, the server runs a batch (one Sync at its end)
    /// as one implicit transaction: it commits with the batch's last statement, or, if any fails, none of it does. An
    /// explicit transaction would cost a second round trip for its COMMIT, and the waiting workers a second wake-up.
    /// One statement joining arrays of ids was tried first: the planner chose the status index, and read every row
    /// being sent for each commit, which made a campaign a fifth slower.
    /// </summary>
    private static async Task WriteInOneTripAsync(Npgsql.NpgsqlConnection connection, string sentSql, string failedSql, IEnumerable<Stamp> stamps)
    {
        await using var batch = new Npgsql.NpgsqlBatch(connection);
        foreach (var stamp in stamps)
        {
            var sent = stamp.Status == DeliveryStatus.Sent;
            var command = new Npgsql.NpgsqlBatchCommand(sent ? sentSql : failedSql);
            command.Parameters.Add(new Npgsql.NpgsqlParameter<long>("id", stamp.DeliveryId));
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("token", stamp.Token));
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("sending", nameof(DeliveryStatus.Sending)));
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("status", stamp.Status.ToString()));
            if (sent)
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter<DateTime>("now", stamp.SentUtc!.Value));
            }
            else
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("error", stamp.Error!));
                command.Parameters.Add(new Npgsql.NpgsqlParameter("next", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = stamp.NextAttemptUtc is { } next ? next : DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static readonly string[] CommonParameters = ["@id", "@token", "@sending", "@status"];

    private static DbCommand Prepare(DbConnection connection, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in CommonParameters.Concat(extra))
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
