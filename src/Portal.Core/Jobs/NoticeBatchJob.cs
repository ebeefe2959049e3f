using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;

namespace Portal.Core.Jobs;

/// <summary>
/// Sends one batch of a campaign: the unsent rows with ids in a range. It claims those pending rows with a token, sends each over a pooled
/// connection and stamps the row as soon as the relay accepts it, so a crash can repeat only the messages in
/// flight: at most <see cref="MostUnrecorded"/> a worker, accepted by the relay in the last milliseconds and not yet
/// committed. Only the run holding a row's token may stamp it, so a late success never overwrites what another run
/// recorded. A refused recipient is recorded on their row. A connection that has died is replaced and the message sent
/// again at once; a relay that cannot be reached ends the batch, its rows put back, and <see cref="RelayWatch"/> starts
/// sending again when the relay answers.
/// </summary>
public sealed partial class NoticeBatchJob(
    PortalDbContext db,
    DeliveryRows rows,
    MailConnectionPool pool,
    DeliveryStampWriter stamps,
    NoticeMessages messages,
    NoticeQueue queue,
    Campaigns campaigns,
    NoticeRateLimiter limiter,
    RelayWatch relay,
    IOptions<NoticeOptions> options,
    TimeProvider clock,
    ILogger<NoticeBatchJob> logger)
{
    /// <summary>
    /// The most messages one worker may have handed to the relay without their stamps committed: the two being
    /// recorded while the next is sent. Only these can be sent twice after a crash.
    /// </summary>
    public const int MostUnrecorded = 3;

    private static readonly TimeSpan StatusCheckEvery = TimeSpan.FromSeconds(1);

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
        var claimed = await rows.ExecuteAsync(
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
            await rows.ExecuteAsync(
                $"UPDATE {t.Name} SET {t[nameof(Delivery.Status)]} = @pending, {t[nameof(Delivery.ClaimToken)]} = NULL " +
                $"WHERE {t[nameof(Delivery.CampaignId)]} = @campaign AND {t[nameof(Delivery.Id)]} BETWEEN @first AND @last AND {t[nameof(Delivery.ClaimToken)]} = @token AND {t[nameof(Delivery.Status)]} = @sending",
                CancellationToken.None,
                ("@pending", nameof(DeliveryStatus.Pending)), ("@campaign", campaignId), ("@first", firstId), ("@last", lastId), ("@token", token), ("@sending", nameof(DeliveryStatus.Sending)));
        }

        switch (await rows.StatusAsync(campaignId, cancellationToken))
        {
            case CampaignStatus.Sending when relay.IsAway:
                break;
            case CampaignStatus.Cancelled:
                await campaigns.CancelUnsentAsync(campaignId, cancellationToken);
                break;
            case CampaignStatus.Sending:
                await ScheduleRetryAsync(campaignId, firstId, lastId, cancellationToken);
                await rows.TryCompleteAsync(campaignId, cancellationToken);
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
        var build = messages.For(campaign, await db.IncidentTitleAsync(campaign.IncidentId, cancellationToken));
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
                    if (await rows.StatusAsync(campaign.Id, cancellationToken) != CampaignStatus.Sending)
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
                // Cancelled only before the handover starts, never part way (see IMailConnection.SendAsync).
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

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} refused by the relay (permanent: {Permanent})")]
    private partial void LogRefused(long deliveryId, bool permanent);

    [LoggerMessage(Level = LogLevel.Information, Message = "A mail connection failed ({Reason}); a new one takes the message at once")]
    private partial void LogReplaced(string reason);
}
