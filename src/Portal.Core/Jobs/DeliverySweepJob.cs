using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Core.Jobs;

/// <summary>
/// The recurring sweeper of sending (<see cref="NoticeOptions.SweepCron"/>), and the same tidying once at start-up
/// (<see cref="RecoverAfterRestartAsync"/>): rows left "sending" by a process that died go back to be sent.
/// </summary>
public sealed partial class DeliverySweepJob(PortalDbContext db, Campaigns campaigns, NoticeQueue queue, IOptions<NoticeOptions> options, TimeProvider clock, ILogger<DeliverySweepJob> logger)
{
    public const string RecurringJobId = "notices-sweep";

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

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeper put back {Rows} deliveries left sending by a process that stopped")]
    private partial void LogSwept(int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart: {Rows} deliveries put back; {Campaigns} sending campaigns dispatched again")]
    private partial void LogRecovered(int rows, int campaigns);
}
