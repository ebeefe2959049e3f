using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices.Mail;

namespace Portal.Core.Notices;

/// <summary>
/// The Hangfire jobs that send a campaign. A batch claims its pending rows with a token, sends each over a pooled
/// connection and stamps the row as soon as the relay accepts it, so a crash can repeat only the messages in
/// flight: at most <see cref="MostUnrecorded"/> a worker, accepted by the relay in the last milliseconds and not yet
/// committed. Only the run holding a row's token may stamp it, so a late success never overwrites what another run
/// recorded. A refused recipient is recorded on their row. A connection that has died is replaced and the message sent
/// again at once; a relay that cannot be reached ends the batch, its rows put back, and <see cref="RelayWatch"/> starts
/// sending again when the relay answers.
/// </summary>
public sealed partial class NoticeSender(
    PortalDbContext db,
    MailConnectionPool pool,
    DeliveryStampWriter stamps,
    NoticeMessages messages,
    NoticeQueue queue,
    Campaigns campaigns,
    NoticeRateLimiter limiter,
    RelayWatch relay,
    IOptions<NoticeOptions> options,
    TimeProvider clock,
    ILogger<NoticeSender> logger)
{
    /// <summary>
    /// The most messages one worker may have handed to the relay without their stamps committed: the two being
    /// recorded while the next is sent. Only these can be sent twice after a crash.
    /// </summary>
    public const int MostUnrecorded = 3;

    private static readonly TimeSpan StatusCheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>Splits a sending campaign's unsent rows into batches and queues them.</summary>
    public async Task DispatchAsync(int campaignId, CancellationToken cancellationToken)
    {
        if (await StatusAsync(campaignId, cancellationToken) != CampaignStatus.Sending)
        {
            return;
        }

        var ids = await db.Deliveries.AsNoTracking()
            .Where(d => d.CampaignId == campaignId && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.FailedTemporary))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var batch in ids.Chunk(options.Value.BatchSize))
        {
            queue.SendBatch(campaignId, batch[0], batch[^1]);
        }

        LogDispatched(campaignId, ids.Count, (ids.Count + options.Value.BatchSize - 1) / options.Value.BatchSize);
        if (ids.Count == 0)
        {
            await TryCompleteAsync(campaignId, cancellationToken);
        }
    }

    /// <summary>Sends the campaign to the unsent rows with ids in [firstId, lastId]. Safe to run twice, or at once on two nodes.</summary>
    public async Task SendBatchAsync(int campaignId, long firstId, long lastId, CancellationToken cancellationToken)
    {
        var campaign = await db.NoticeCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (relay.IsAway && campaign?.Status is CampaignStatus.Sending)
        {
            // Its rows stay as they are until the relay answers and the campaign is dispatched again.
            return;
        }

        if (campaign?.Status is not CampaignStatus.Sending)
        {
            if (campaign?.Status is CampaignStatus.Cancelled)
            {
                await campaigns.CancelUnsentAsync(campaignId, cancellationToken);
            }

            return;
        }

        var token = Guid.NewGuid().ToString("D");
        var now = Now;
        var t = TableMap.For<Delivery>(db);
        var claimed = await ExecuteAsync(
            $"UPDATE {t.Name} SET {t[nameof(Delivery.Status)]} = @sending, {t[nameof(Delivery.ClaimToken)]} = @token, {t[nameof(Delivery.ClaimedUtc)]} = @now " +
            $"WHERE {t[nameof(Delivery.CampaignId)]} = @campaign AND {t[nameof(Delivery.Id)]} BETWEEN @first AND @last AND ({t[nameof(Delivery.Status)]} = @pending " +
            $"OR ({t[nameof(Delivery.Status)]} = @retry AND {t[nameof(Delivery.NextAttemptUtc)]} <= @now))",
            cancellationToken,
            ("@sending", nameof(DeliveryStatus.Sending)), ("@token", token), ("@now", now), ("@campaign", campaignId), ("@first", firstId), ("@last", lastId),
            ("@pending", nameof(DeliveryStatus.Pending)), ("@retry", nameof(DeliveryStatus.FailedTemporary)));

        try
        {
            if (claimed > 0)
            {
                await SendClaimedAsync(campaign, token, firstId, lastId, cancellationToken);
            }
        }
        catch (Exception exception) when (MailFailure.IsRelayFault(exception))
        {
            relay.ReportLost(exception);
        }
        finally
        {
            // Whatever this run claimed and did not finish goes back, whether it stopped for a pause, a cancel, a
            // shutdown or a relay that went away. A process that dies before this line is the sweeper's to tidy.
            await ExecuteAsync(
                $"UPDATE {t.Name} SET {t[nameof(Delivery.Status)]} = @pending, {t[nameof(Delivery.ClaimToken)]} = NULL " +
                $"WHERE {t[nameof(Delivery.CampaignId)]} = @campaign AND {t[nameof(Delivery.Id)]} BETWEEN @first AND @last AND {t[nameof(Delivery.ClaimToken)]} = @token AND {t[nameof(Delivery.Status)]} = @sending",
                CancellationToken.None,
                ("@pending", nameof(DeliveryStatus.Pending)), ("@campaign", campaignId), ("@first", firstId), ("@last", lastId), ("@token", token), ("@sending", nameof(DeliveryStatus.Sending)));
        }

        switch (await StatusAsync(campaignId, cancellationToken))
        {
            case CampaignStatus.Sending when relay.IsAway:
                break;
            case CampaignStatus.Cancelled:
                await campaigns.CancelUnsentAsync(campaignId, cancellationToken);
                break;
            case CampaignStatus.Sending:
                await ScheduleRetryAsync(campaignId, firstId, lastId, cancellationToken);
                await TryCompleteAsync(campaignId, cancellationToken);
                break;
        }
    }

    private async Task SendClaimedAsync(NoticeCampaign campaign, string token, long firstId, long lastId, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        var recipients = await db.Deliveries.AsNoTracking()
            .Where(d => d.CampaignId == campaign.Id && d.Id >= firstId && d.Id <= lastId && d.ClaimToken == token)
            .OrderBy(d => d.Id)
            .Join(people, d => d.PersonId, p => p.Id, (d, p) => new NoticeRecipient(d.Id, p.Id, p.GivenName, p.RankOrGrade, p.Email, d.Attempts))
            .ToListAsync(cancellationToken);
        var incidentTitle = campaign.IncidentId is { } incidentId
            ? await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken)
            : null;

        var build = messages.For(campaign, incidentTitle);
        var connection = await pool.RentAsync(cancellationToken);

        // A message's stamp commits (grouped with other workers' stamps, see DeliveryStampWriter) while the next
        // two messages are sent, and must be in before another is started: the worker never has more than
        // MostUnrecorded messages that the relay has taken and the database has not recorded.
        var recording = new Queue<Task>(MostUnrecorded);
        try
        {
            var checkedAt = Stopwatch.GetTimestamp();
            foreach (var recipient in recipients)
            {
                if (Stopwatch.GetElapsedTime(checkedAt) > StatusCheckEvery)
                {
                    if (await StatusAsync(campaign.Id, cancellationToken) != CampaignStatus.Sending)
                    {
                        return;
                    }

                    checkedAt = Stopwatch.GetTimestamp();
                }

                await limiter.WaitAsync(cancellationToken);
                (connection, var refused) = await HandOverAsync(connection, build.Build(recipient), cancellationToken);
                if (refused is not null)
                {
                    await RecordRefusalAsync(token, recipient, refused);
                    continue;
                }

                // Accepted by the relay: recorded even if the host is stopping, or it would be sent again.
                recording.Enqueue(stamps.SentAsync(recipient.DeliveryId, token, Now));
                while (recording.TryPeek(out var oldest) && oldest.IsCompleted)
                {
                    await recording.Dequeue();
                }

                if (recording.Count >= MostUnrecorded - 1)
                {
                    // The oldest stamp must be in before the message after next: ask for it now, while this worker
                    // sends the next one, so that it rarely has to wait.
                    stamps.Flush();
                }

                if (recording.Count >= MostUnrecorded)
                {
                    await recording.Dequeue();
                }
            }
        }
        finally
        {
            try
            {
                // Before the batch lets go of its unfinished rows, every stamp must be in, or its row would be put
                // back and sent again.
                stamps.Flush();
                while (recording.Count > 0)
                {
                    await recording.Dequeue();
                }
            }
            finally
            {
                await pool.ReturnAsync(connection);
            }
        }
    }

    /// <summary>
    /// Hands one message to the relay; returns the connection to go on with, and the refusal when the relay refused this
    /// recipient. A connection that fails is replaced and the message sent again on the new one at once: a relay
    /// restarted since the connection was last used has dropped it, and that is no reason to stop. Only if the new one
    /// fails too does the fault go up, as the relay being away.
    /// </summary>
    private async Task<(IMailConnection Connection, MailFailure? Refused)> HandOverAsync(IMailConnection connection, MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        for (var replaced = false; ; replaced = true)
        {
            try
            {
                await connection.SendAsync(message, cancellationToken);
                return (connection, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && MailFailure.Classify(exception) is { Scope: FailureScope.Recipient } failure)
            {
                return (connection, failure);
            }
            catch (Exception exception) when (!replaced && MailFailure.IsRelayFault(exception))
            {
                LogReplaced(MailFailure.Classify(exception).Reason);
                connection = await pool.ReplaceAsync(connection, cancellationToken);
            }
            catch when (replaced)
            {
                // The caller still holds the connection this one replaced (closed already); this one is closed here.
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private async Task RecordRefusalAsync(string token, NoticeRecipient recipient, MailFailure failure)
    {
        var attempts = recipient.Attempts + 1;
        var reason = failure.Reason.Length > 900 ? failure.Reason[..900] : failure.Reason;
        if (failure.Permanent || attempts >= options.Value.MaxAttempts)
        {
            var why = failure.Permanent ? reason : $"Gave up after {attempts} attempts. Last reply: {reason}";
            await stamps.FailedAsync(recipient.DeliveryId, token, DeliveryStatus.FailedPermanent, why, null);
            LogRefused(recipient.DeliveryId, true);
        }
        else
        {
            await stamps.FailedAsync(recipient.DeliveryId, token, DeliveryStatus.FailedTemporary, reason, Now + options.Value.RetryDelay(attempts));
            LogRefused(recipient.DeliveryId, false);
        }
    }

    /// <summary>Rows refused for now are tried again by this same batch once the earliest of them is due.</summary>
    private async Task ScheduleRetryAsync(int campaignId, long firstId, long lastId, CancellationToken cancellationToken)
    {
        var next = await db.Deliveries.AsNoTracking()
            .Where(d => d.CampaignId == campaignId && d.Id >= firstId && d.Id <= lastId && d.Status == DeliveryStatus.FailedTemporary)
            .MinAsync(d => d.NextAttemptUtc, cancellationToken);
        if (next is { } at)
        {
            queue.SendBatchAt(campaignId, firstId, lastId, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
        }
    }

    /// <summary>The sending campaign is complete once no row is left to send.</summary>
    public Task<int> TryCompleteAsync(int campaignId, CancellationToken cancellationToken)
    {
        var c = TableMap.For<NoticeCampaign>(db);
        var d = TableMap.For<Delivery>(db);
        return ExecuteAsync(
            $"UPDATE {c.Name} SET {c[nameof(NoticeCampaign.Status)]} = @completed, {c[nameof(NoticeCampaign.CompletedUtc)]} = @now, {c[nameof(NoticeCampaign.Version)]} = {c[nameof(NoticeCampaign.Version)]} + 1 " +
            $"WHERE {c[nameof(NoticeCampaign.Id)]} = @campaign AND {c[nameof(NoticeCampaign.Status)]} = @sending AND NOT EXISTS (SELECT 1 FROM {d.Name} " +
            $"WHERE {d[nameof(Delivery.CampaignId)]} = @campaign AND {d[nameof(Delivery.Status)]} IN (@pending, @claimed, @retry))",
            cancellationToken,
            ("@completed", nameof(CampaignStatus.Completed)), ("@now", Now), ("@campaign", campaignId), ("@sending", nameof(CampaignStatus.Sending)),
            ("@pending", nameof(DeliveryStatus.Pending)), ("@claimed", nameof(DeliveryStatus.Sending)), ("@retry", nameof(DeliveryStatus.FailedTemporary)));
    }

    /// <summary>
    /// The statements every batch runs, as plain parameterised SQL: EF Core's ExecuteUpdate puts the values a
    /// setter is given (a new claim token each batch) into the query itself, so each would be compiled afresh —
    /// seconds of JIT over a campaign of 47,000.
    /// </summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name).Value = value;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The recurring sweeper: puts back rows left "sending" by a process that died, starts scheduled campaigns that
    /// are due, finishes cancelling, and dispatches any sending campaign whose work has stopped moving.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var stuckBefore = now - options.Value.StuckAfter;
        var live = await LiveCampaignsAsync(cancellationToken);
        var stuck = await db.Deliveries.AsNoTracking().Where(d => live.Contains(d.CampaignId) && d.Status == DeliveryStatus.Sending && d.ClaimedUtc < stuckBefore)
            .Select(d => d.CampaignId).Distinct().ToListAsync(cancellationToken);
        if (stuck.Count > 0)
        {
            LogSwept(await PutBackAsync(stuck, stuckBefore, cancellationToken));
        }

        var due = await db.NoticeCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Scheduled && c.ScheduledForUtc <= now)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await campaigns.StartAsync(id, cancellationToken);
        }

        foreach (var id in await db.NoticeCampaigns.AsNoTracking().Where(c => live.Contains(c.Id) && c.Status == CampaignStatus.Cancelled
            && db.Deliveries.Any(d => d.CampaignId == c.Id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.FailedTemporary))).Select(c => c.Id).ToListAsync(cancellationToken))
        {
            await campaigns.CancelUnsentAsync(id, cancellationToken);
        }

        // Work that has stopped moving: rows put back just now, or rows due to be sent that nobody has claimed for
        // a while. Rows waiting for a later retry are not stalled; their batch is scheduled for then.
        var idle = await db.NoticeCampaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Sending && (stuck.Contains(c.Id)
                || (db.Deliveries.Any(d => d.CampaignId == c.Id && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.FailedTemporary && d.NextAttemptUtc <= now)))
                    && !db.Deliveries.Any(d => d.CampaignId == c.Id && (d.Status == DeliveryStatus.Sending || d.ClaimedUtc >= stuckBefore)))))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in idle)
        {
            queue.Dispatch(id);
        }
    }

    /// <summary>Queues every sending campaign's unsent rows again: the relay is back after an outage.</summary>
    public async Task DispatchEverySendingCampaignAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await db.NoticeCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Sending).Select(c => c.Id).ToListAsync(cancellationToken))
        {
            queue.Dispatch(id);
        }
    }

    /// <summary>
    /// After a restart with the in-process job store, nothing else can hold a row: every row still "sending" was in
    /// the hands of the process that stopped. They go back, and every sending campaign is dispatched again.
    /// </summary>
    public async Task RecoverAfterRestartAsync(CancellationToken cancellationToken)
    {
        var reset = await PutBackAsync(await LiveCampaignsAsync(cancellationToken), null, cancellationToken);
        var sending = await db.NoticeCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Sending).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in sending)
        {
            queue.Dispatch(id);
        }

        if (reset > 0 || sending.Count > 0)
        {
            LogRecovered(reset, sending.Count);
        }
    }

    /// <summary>
    /// The campaigns that can hold a row still "sending": started and not completed. Looking only at their rows keeps
    /// the sweeper and start-up on the (campaign, status) index instead of reading every delivery ever made.
    /// </summary>
    private Task<List<int>> LiveCampaignsAsync(CancellationToken cancellationToken) =>
        db.NoticeCampaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Sending || c.Status == CampaignStatus.Paused || c.Status == CampaignStatus.Cancelled)
            .Select(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>Puts back the rows of these campaigns left "sending" (since before the given time, when there is one).</summary>
    private Task<int> PutBackAsync(List<int> campaignIds, DateTime? claimedBefore, CancellationToken cancellationToken) =>
        db.Deliveries.Where(d => campaignIds.Contains(d.CampaignId) && d.Status == DeliveryStatus.Sending && (claimedBefore == null || d.ClaimedUtc < claimedBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.ClaimToken, (string?)null), cancellationToken);

    private Task<CampaignStatus> StatusAsync(int campaignId, CancellationToken cancellationToken) =>
        db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.Status).SingleOrDefaultAsync(cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Rows} unsent rows in {Batches} batches queued")]
    private partial void LogDispatched(int campaignId, int rows, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} refused by the relay (permanent: {Permanent})")]
    private partial void LogRefused(long deliveryId, bool permanent);

    [LoggerMessage(Level = LogLevel.Information, Message = "A mail connection failed ({Reason}); a new one takes the message at once")]
    private partial void LogReplaced(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeper put back {Rows} deliveries left sending by a process that stopped")]
    private partial void LogSwept(int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart: {Rows} deliveries put back; {Campaigns} sending campaigns dispatched again")]
    private partial void LogRecovered(int rows, int campaigns);
}
