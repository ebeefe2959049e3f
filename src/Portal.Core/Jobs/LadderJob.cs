using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Core.Outreach;
using Portal.Core.Support;
using Portal.Core.Text;
using Portal.Core.Texts;

namespace Portal.Core.Jobs;

/// <summary>
/// Works every campaign's escalation ladder, every minute on whichever node takes it: writes the rows of those each step
/// has fallen due for (<see cref="LadderDue"/>), then works them a batch at a time — a reminder e-mail, a text, a letter
/// in this run's batch, a welfare call task. A row is claimed with a token and stamped as soon as its step is done, so a
/// process that dies can repeat only the step in hand: one e-mail or one text (<see cref="MostRepeated"/>, as one run works
/// at a time on a node); a letter and
/// a call are stamped in the transaction that makes them, so never repeat. A paused campaign's ladder waits; a cancelled
/// one's, and anyone who confirms, leaves or removes their number, is taken off.
/// </summary>
public sealed partial class LadderJob(
    PortalDbContext db,
    DeliveryRows rows,
    LadderDue due,
    MailConnectionPool pool,
    NoticeMessages messages,
    NoticeRateLimiter mailLimiter,
    MobileNumbers mobiles,
    ISmsGateway gateway,
    TextRateLimiter textLimiter,
    NoticeTexts noticeTexts,
    SupportRequests requests,
    IOptions<NoticeOptions> options,
    LadderJob.Gate gate,
    TimeProvider clock,
    ILogger<LadderJob> logger)
{
    public const string RecurringJobId = "notices-ladder";

    /// <summary>Rows one claim takes.</summary>
    public const int BatchSize = 200;

    /// <summary>The e-mails or texts a run that dies can have handed over without recording: the one in hand.</summary>
    public const int MostRepeated = 1;

    private static readonly TimeSpan StatusCheckEvery = TimeSpan.FromSeconds(1);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<LadderRun> RunAsync(CancellationToken cancellationToken)
    {
        if (!await gate.Running.WaitAsync(0, cancellationToken))
        {
            return new LadderRun(0, 0, 0);
        }

        try
        {
            return await RunOnceAsync(cancellationToken);
        }
        finally
        {
            gate.Running.Release();
        }
    }

    private async Task<LadderRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await ReleaseStuckAsync(now - options.Value.StuckAfter, cancellationToken);
        var cancelled = await CancelNotNeededAsync(cancellationToken);
        var campaigns = await db.NoticeCampaigns.AsNoTracking()
            .Where(c => (c.Status == CampaignStatus.Sending || c.Status == CampaignStatus.Completed)
                && (c.ReminderAfterHours != null || c.TextAfterHours != null || c.LetterAfterHours != null || c.CallAfterHours != null))
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var campaign in campaigns)
        {
            written += await due.WriteAsync(campaign, now, cancellationToken);
        }

        var done = 0;
        foreach (var step in Enum.GetValues<LadderStep>())
        {
            done += await WorkAsync(step, cancellationToken);
        }

        if (written + done + cancelled > 0)
        {
            LogRun(written, done, cancelled);
        }

        return new LadderRun(written, done, cancelled);
    }

    /// <summary>Works the due rows of one step until none is left; returns how many were done.</summary>
    private async Task<int> WorkAsync(LadderStep step, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            var token = Guid.NewGuid().ToString("D");
            if (await ClaimAsync(step, token, cancellationToken) == 0)
            {
                return done;
            }

            try
            {
                var claimed = await db.Escalations.AsNoTracking().Where(o => o.ClaimToken == token).OrderBy(o => o.Id)
                    .Join(db.People, o => o.PersonId, p => p.Id, (o, p) => new Claimed(o.Id, o.CampaignId, o.PersonId, o.Attempts, p.GivenName, p.RankOrGrade, p.Email))
                    .ToListAsync(cancellationToken);
                done += step switch
                {
                    LadderStep.Reminder => await SendRemindersAsync(claimed, token, cancellationToken),
                    LadderStep.Text => await SendTextsAsync(claimed, token, cancellationToken),
                    LadderStep.Letter => await PrintLettersAsync(claimed, token, cancellationToken),
                    _ => await MakeCallsAsync(claimed, token, cancellationToken),
                };
            }
            finally
            {
                // What this run claimed and did not finish (a pause, a shutdown) goes back.
                var o = TableMap.For<Escalation>(db);
                await rows.ExecuteAsync(
                    $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @pending, {o[nameof(Escalation.ClaimToken)]} = NULL " +
                    $"WHERE {o[nameof(Escalation.ClaimToken)]} = @token AND {o[nameof(Escalation.Status)]} = @working",
                    CancellationToken.None, ("@pending", nameof(EscalationStatus.Pending)), ("@token", token), ("@working", nameof(EscalationStatus.Working)));
            }
        }
    }

    private async Task<int> ClaimAsync(LadderStep step, string token, CancellationToken cancellationToken)
    {
        var o = TableMap.For<Escalation>(db);
        var c = TableMap.For<NoticeCampaign>(db);
        var due = $"({o[nameof(Escalation.Status)]} = @pending OR ({o[nameof(Escalation.Status)]} = @retry AND {o[nameof(Escalation.NextAttemptUtc)]} <= @now))";
        return await rows.ExecuteAsync(
            $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @working, {o[nameof(Escalation.ClaimToken)]} = @token, {o[nameof(Escalation.ClaimedUtc)]} = @now, " +
            $"{o[nameof(Escalation.Attempts)]} = {o[nameof(Escalation.Attempts)]} + 1 " +
            $"WHERE {o[nameof(Escalation.Id)]} IN (SELECT oo.{o[nameof(Escalation.Id)]} FROM {o.Name} oo JOIN {c.Name} cc ON cc.{c[nameof(NoticeCampaign.Id)]} = oo.{o[nameof(Escalation.CampaignId)]} " +
            $"WHERE oo.{o[nameof(Escalation.Step)]} = @step AND (oo.{o[nameof(Escalation.Status)]} = @pending OR (oo.{o[nameof(Escalation.Status)]} = @retry AND oo.{o[nameof(Escalation.NextAttemptUtc)]} <= @now)) " +
            $"AND cc.{c[nameof(NoticeCampaign.Status)]} IN (@sending, @completed) ORDER BY oo.{o[nameof(Escalation.Id)]} LIMIT {BatchSize}) AND {due}",
            cancellationToken,
            ("@working", nameof(EscalationStatus.Working)), ("@token", token), ("@now", Now), ("@step", step.ToString()), ("@pending", nameof(EscalationStatus.Pending)),
            ("@retry", nameof(EscalationStatus.WaitingToRetry)), ("@sending", nameof(CampaignStatus.Sending)), ("@completed", nameof(CampaignStatus.Completed)));
    }

    private async Task<int> SendRemindersAsync(List<Claimed> claimed, string token, CancellationToken cancellationToken)
    {
        var done = 0;
        var builders = new Dictionary<int, NoticeMessages.CampaignMessages>();
        var paused = new CampaignStatusCache(rows);
        var connection = await pool.RentAsync(cancellationToken);
        try
        {
            foreach (var row in claimed)
            {
                if (await paused.StoppedAsync(row.CampaignId, cancellationToken))
                {
                    continue;
                }

                if (!builders.TryGetValue(row.CampaignId, out var build))
                {
                    var campaign = await db.NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == row.CampaignId, cancellationToken);
                    builders[row.CampaignId] = build = messages.For(campaign, await db.IncidentTitleAsync(campaign.IncidentId, cancellationToken));
                }

                await mailLimiter.WaitAsync(cancellationToken);
                try
                {
                    await connection.SendAsync(build.BuildReminder(row.Id, row.GivenName, row.Rank, row.Email), cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && MailFailure.Classify(exception) is { Scope: FailureScope.Recipient } refused)
                {
                    await FailOrRetryAsync(row, token, refused.Permanent, refused.Reason, cancellationToken);
                    continue;
                }
                catch (Exception exception) when (MailFailure.IsRelayFault(exception))
                {
                    // The relay is away: this row and the rest of the batch wait, rather than being tried at once again.
                    await RetryRestAsync(token, "The mail relay cannot be reached: " + MailFailure.Classify(exception).Reason, row.Attempts, cancellationToken);
                    connection = await pool.ReplaceAsync(connection, cancellationToken);
                    break;
                }

                done += await StampAsync(row.Id, token, EscalationStatus.Done, null, null, CancellationToken.None);
            }
        }
        finally
        {
            await pool.ReturnAsync(connection);
        }

        return done;
    }

    /// <summary>
    /// The batch's texts: their numbers and text rows read and written for the whole batch at once, then each text sent
    /// and, in one round trip, its text row and ladder row stamped before the next is sent.
    /// </summary>
    private async Task<int> SendTextsAsync(List<Claimed> claimed, string token, CancellationToken cancellationToken)
    {
        var done = 0;
        var numbers = await mobiles.NumbersAsync([.. claimed.Select(r => r.PersonId).Distinct()], cancellationToken);
        foreach (var row in claimed.Where(r => !numbers.ContainsKey(r.PersonId)))
        {
            await StampAsync(row.Id, token, EscalationStatus.Cancelled, "They removed their mobile number", null, cancellationToken);
        }

        var sending = claimed.Where(r => numbers.ContainsKey(r.PersonId)).ToList();
        var texts = await PrepareTextsAsync(sending, cancellationToken);
        var paused = new CampaignStatusCache(rows);
        var t = TableMap.For<TextMessage>(db);
        var o = TableMap.For<Escalation>(db);
        foreach (var row in sending)
        {
            if (await paused.StoppedAsync(row.CampaignId, cancellationToken))
            {
                continue;
            }

            var textId = texts[(row.CampaignId, row.PersonId)];
            await textLimiter.WaitAsync(cancellationToken);
            var result = await gateway.SendAsync(new SmsMessage(textId, numbers[row.PersonId], noticeTexts.Text), cancellationToken);
            if (result.Outcome == SmsOutcome.Unavailable)
            {
                // The gateway is down: never a failure. This text and the rest of the batch wait their turn to try again.
                var next = Now + options.Value.RetryDelay(row.Attempts);
                await rows.ExecuteAsync(
                    $"UPDATE {t.Name} SET {t[nameof(TextMessage.Status)]} = @retry, {t[nameof(TextMessage.LastError)]} = @reason, {t[nameof(TextMessage.NextAttemptUtc)]} = @next, " +
                    $"{t[nameof(TextMessage.Attempts)]} = {t[nameof(TextMessage.Attempts)]} + 1 WHERE {t[nameof(TextMessage.Id)]} = @text",
                    CancellationToken.None, ("@retry", nameof(TextMessageStatus.WaitingToRetry)), ("@reason", Truncate(result.Detail)), ("@next", next), ("@text", textId));
                await RetryRestAsync(token, result.Detail, row.Attempts, CancellationToken.None);
                return done;
            }

            var accepted = result.Outcome == SmsOutcome.Accepted;
            // Handed over: recorded even if the host is stopping, or it would be sent again.
            await rows.ExecuteAsync(
                $"UPDATE {t.Name} SET {t[nameof(TextMessage.Attempts)]} = {t[nameof(TextMessage.Attempts)]} + 1, {t[nameof(TextMessage.ClaimedUtc)]} = @now WHERE {t[nameof(TextMessage.Id)]} = @text; " +
                $"UPDATE {t.Name} SET {t[nameof(TextMessage.Status)]} = @textStatus, {t[nameof(TextMessage.AcceptedUtc)]} = @accepted, {t[nameof(TextMessage.LastError)]} = @error " +
                $"WHERE {t[nameof(TextMessage.Id)]} = @text AND {t[nameof(TextMessage.Status)]} IN (@pending, @waiting); " +
                $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @status, {o[nameof(Escalation.LastError)]} = @error, {o[nameof(Escalation.DoneUtc)]} = @done, " +
                $"{o[nameof(Escalation.ClaimToken)]} = NULL WHERE {o[nameof(Escalation.Id)]} = @row AND {o[nameof(Escalation.ClaimToken)]} = @token",
                CancellationToken.None,
                ("@textStatus", accepted ? nameof(TextMessageStatus.Accepted) : nameof(TextMessageStatus.Failed)), ("@accepted", accepted ? Now : DBNull.Value),
                ("@error", accepted ? DBNull.Value : Truncate(result.Detail)), ("@text", textId), ("@now", Now),
                ("@pending", nameof(TextMessageStatus.Pending)), ("@waiting", nameof(TextMessageStatus.WaitingToRetry)),
                ("@status", accepted ? nameof(EscalationStatus.Done) : nameof(EscalationStatus.Failed)), ("@done", accepted ? Now : DBNull.Value), ("@row", row.Id), ("@token", token));
            done += accepted ? 1 : 0;
        }

        return done;
    }

    /// <summary>Each row's text (one per person and campaign, kept across attempts), made for the whole batch in one statement; each counts an attempt when it is sent.</summary>
    private async Task<Dictionary<(int CampaignId, int PersonId), long>> PrepareTextsAsync(List<Claimed> sending, CancellationToken cancellationToken)
    {
        var campaignIds = sending.Select(r => r.CampaignId).Distinct().ToList();
        var personIds = sending.Select(r => r.PersonId).Distinct().ToList();
        var existing = await db.TextMessages.AsNoTracking().Where(m => m.CampaignId != null && campaignIds.Contains(m.CampaignId.Value) && personIds.Contains(m.PersonId)).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(m => (m.CampaignId!.Value, m.PersonId));
        var parts = GsmAlphabet.Measure(noticeTexts.Text).Parts;
        var now = Now;
        foreach (var row in sending)
        {
            if (!byKey.TryGetValue((row.CampaignId, row.PersonId), out var text))
            {
                text = new TextMessage { PersonId = row.PersonId, CampaignId = row.CampaignId, Purpose = TextPurpose.Notice, CreatedUtc = now, Parts = parts };
                db.TextMessages.Add(text);
                byKey[(row.CampaignId, row.PersonId)] = text;
            }

        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return byKey.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    /// <summary>One batch (one PDF) per campaign for this run's letters, made and stamped in one transaction.</summary>
    private async Task<int> PrintLettersAsync(List<Claimed> claimed, string token, CancellationToken cancellationToken)
    {
        var done = 0;
        var paused = new CampaignStatusCache(rows);
        foreach (var campaign in claimed.GroupBy(r => r.CampaignId))
        {
            if (await paused.StoppedAsync(campaign.Key, cancellationToken))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = new LetterBatch { CampaignId = campaign.Key, CreatedUtc = Now, Letters = campaign.Count() };
            db.LetterBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            var o = TableMap.For<Escalation>(db);
            var stamped = await rows.ExecuteAsync(
                $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @done, {o[nameof(Escalation.DoneUtc)]} = @now, {o[nameof(Escalation.ClaimToken)]} = NULL, " +
                $"{o[nameof(Escalation.LetterBatchId)]} = @batch WHERE {o[nameof(Escalation.ClaimToken)]} = @token AND {o[nameof(Escalation.CampaignId)]} = @campaign " +
                $"AND {o[nameof(Escalation.Status)]} = @working",
                cancellationToken, ("@done", nameof(EscalationStatus.Done)), ("@now", Now), ("@batch", batch.Id), ("@token", token), ("@campaign", campaign.Key), ("@working", nameof(EscalationStatus.Working)));
            batch.Letters = stamped;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done += stamped;
        }

        return done;
    }

    /// <summary>A welfare task a person, each made and stamped in one transaction.</summary>
    private async Task<int> MakeCallsAsync(List<Claimed> claimed, string token, CancellationToken cancellationToken)
    {
        var done = 0;
        var paused = new CampaignStatusCache(rows);
        var campaignIds = claimed.Select(r => r.CampaignId).Distinct().ToList();
        var campaigns = await db.NoticeCampaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.Subject, c.StartedUtc }, cancellationToken);
        foreach (var row in claimed)
        {
            if (await paused.StoppedAsync(row.CampaignId, cancellationToken))
            {
                continue;
            }

            var campaign = campaigns[row.CampaignId];
            var earlier = await db.Escalations.AsNoTracking().Where(o => o.CampaignId == row.CampaignId && o.PersonId == row.PersonId && o.Status == EscalationStatus.Done && o.Step != LadderStep.Call)
                .Select(o => o.Step).ToListAsync(cancellationToken);
            var tried = string.Join(", ", earlier.Order().Select(s => "the " + Ladder.Describe(s)).Prepend("the e-mail"));
            var sent = campaign.StartedUtc is { } started ? ", sent " + UkTime.Format(started, "d MMMM yyyy") : "";
            var description = $"{row.GivenName} has not confirmed that they have read the notice \u201C{campaign.Subject}\u201D{sent}, after {tried}. " +
                "Call them: make sure it has reached them and that they are all right, and ask them to confirm in the portal.";

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var request = await requests.CreateCallTaskAsync(row.PersonId, row.CampaignId, description, cancellationToken);
            done += await StampAsync(row.Id, token, EscalationStatus.Done, null, null, cancellationToken, supportRequestId: request.Id);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return done;
    }

    private Task<int> FailOrRetryAsync(Claimed row, string token, bool permanent, string reason, CancellationToken cancellationToken) =>
        permanent || row.Attempts >= options.Value.MaxAttempts
            ? StampAsync(row.Id, token, EscalationStatus.Failed, permanent ? reason : $"Gave up after {row.Attempts} attempts. Last reply: {reason}", null, cancellationToken)
            : StampAsync(row.Id, token, EscalationStatus.WaitingToRetry, reason, Now + options.Value.RetryDelay(row.Attempts), cancellationToken);

    /// <summary>Every row this run still holds waits to be tried again: the relay or gateway is away.</summary>
    private Task<int> RetryRestAsync(string token, string reason, int attempts, CancellationToken cancellationToken)
    {
        var o = TableMap.For<Escalation>(db);
        return rows.ExecuteAsync(
            $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @retry, {o[nameof(Escalation.NextAttemptUtc)]} = @next, {o[nameof(Escalation.LastError)]} = @reason, " +
            $"{o[nameof(Escalation.ClaimToken)]} = NULL WHERE {o[nameof(Escalation.ClaimToken)]} = @token AND {o[nameof(Escalation.Status)]} = @working",
            cancellationToken, ("@retry", nameof(EscalationStatus.WaitingToRetry)), ("@next", Now + options.Value.RetryDelay(attempts)), ("@reason", Truncate(reason)),
            ("@token", token), ("@working", nameof(EscalationStatus.Working)));
    }

    private Task<int> StampAsync(long id, string token, EscalationStatus status, string? error, DateTime? next, CancellationToken cancellationToken, int? supportRequestId = null)
    {
        var o = TableMap.For<Escalation>(db);
        return rows.ExecuteAsync(
            $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @status, {o[nameof(Escalation.LastError)]} = @error, {o[nameof(Escalation.NextAttemptUtc)]} = @next, " +
            $"{o[nameof(Escalation.DoneUtc)]} = @doneAt, {o[nameof(Escalation.SupportRequestId)]} = @request, {o[nameof(Escalation.ClaimToken)]} = NULL " +
            $"WHERE {o[nameof(Escalation.Id)]} = @id AND {o[nameof(Escalation.ClaimToken)]} = @token",
            cancellationToken, ("@status", status.ToString()), ("@error", error is null ? DBNull.Value : Truncate(error)), ("@next", next is { } at ? at : DBNull.Value),
            ("@doneAt", status == EscalationStatus.Done ? Now : DBNull.Value), ("@request", supportRequestId is { } r ? r : DBNull.Value), ("@id", id), ("@token", token));
    }

    /// <summary>Rows a run that died left "working" go back to be done.</summary>
    private Task<int> ReleaseStuckAsync(DateTime before, CancellationToken cancellationToken)
    {
        var o = TableMap.For<Escalation>(db);
        return rows.ExecuteAsync(
            $"UPDATE {o.Name} SET {o[nameof(Escalation.Status)]} = @pending, {o[nameof(Escalation.ClaimToken)]} = NULL " +
            $"WHERE {o[nameof(Escalation.Status)]} = @working AND {o[nameof(Escalation.ClaimedUtc)]} < @before",
            cancellationToken, ("@pending", nameof(EscalationStatus.Pending)), ("@working", nameof(EscalationStatus.Working)), ("@before", before));
    }

    /// <summary>Takes off the ladder whoever no longer needs it: they confirmed, they left, or the campaign was cancelled.</summary>
    private async Task<int> CancelNotNeededAsync(CancellationToken cancellationToken)
    {
        var waiting = db.Escalations.Where(o => o.Status == EscalationStatus.Pending || o.Status == EscalationStatus.WaitingToRetry);
        var confirmed = await waiting
            .Where(o => db.Acknowledgements.Any(a => a.PersonId == o.PersonId && (a.CampaignId == o.CampaignId || db.NoticeCampaigns.Any(c => c.Id == a.CampaignId && c.AudienceCampaignId == o.CampaignId))))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, EscalationStatus.Cancelled).SetProperty(o => o.LastError, "They confirmed that they have read it"), cancellationToken);
        var left = await waiting.Where(o => db.People.Any(p => p.Id == o.PersonId && p.Status == PersonStatus.Leaver))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, EscalationStatus.Cancelled).SetProperty(o => o.LastError, "They have left the force"), cancellationToken);
        var stopped = await waiting.Where(o => db.NoticeCampaigns.Any(c => c.Id == o.CampaignId && c.Status == CampaignStatus.Cancelled))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, EscalationStatus.Cancelled).SetProperty(o => o.LastError, "The notice was cancelled"), cancellationToken);
        return confirmed + left + stopped;
    }

    /// <summary>
    /// One run at a time on a node (a singleton of the host, not a static, so two hosts in one process — tests, the
    /// benchmark's nodes — are two nodes): a run that finds another still working leaves the work to it.
    /// </summary>
    public sealed class Gate : IDisposable
    {
        public SemaphoreSlim Running { get; } = new(1, 1);

        public void Dispose() => Running.Dispose();
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ladder: {Written} steps fell due, {Done} done, {Cancelled} no longer needed")]
    private partial void LogRun(int written, int done, int cancelled);

    private sealed record Claimed(long Id, int CampaignId, int PersonId, int Attempts, string GivenName, string Rank, string Email);

    /// <summary>Whether a campaign has been paused or cancelled since the batch began, read at most once a second.</summary>
    private sealed class CampaignStatusCache(DeliveryRows rows)
    {
        private readonly Dictionary<int, (CampaignStatus Status, long At)> seen = [];

        public async Task<bool> StoppedAsync(int campaignId, CancellationToken cancellationToken)
        {
            if (!seen.TryGetValue(campaignId, out var last) || System.Diagnostics.Stopwatch.GetElapsedTime(last.At) > StatusCheckEvery)
            {
                last = (await rows.StatusAsync(campaignId, cancellationToken), System.Diagnostics.Stopwatch.GetTimestamp());
                seen[campaignId] = last;
            }

            return last.Status is not (CampaignStatus.Sending or CampaignStatus.Completed);
        }
    }
}
