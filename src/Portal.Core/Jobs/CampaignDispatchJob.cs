using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Core.Jobs;

/// <summary>
/// Starts the sending of a campaign: splits its unsent rows into batches of <see cref="NoticeOptions.BatchSize"/> and
/// queues a <see cref="NoticeBatchJob"/> for each. It runs when a campaign starts, when the sweeper finds its work has
/// stopped, and for every sending campaign when the relay answers again (<see cref="Notices.Mail.RelayWatch"/>).
/// </summary>
public sealed partial class CampaignDispatchJob(PortalDbContext db, DeliveryRows rows, NoticeQueue queue, IOptions<NoticeOptions> options, ILogger<CampaignDispatchJob> logger)
{
    /// <summary>Splits a sending campaign's unsent rows into batches and queues them.</summary>
    public async Task DispatchAsync(int campaignId, CancellationToken cancellationToken)
    {
        if (await rows.StatusAsync(campaignId, cancellationToken) != CampaignStatus.Sending)
        {
            return;
        }

        // A batch's ids are read a batch at a time, after the last one queued, each status along its own range of the
        // (campaign, status, id) index: a campaign to any number of people holds one batch's ids in memory, and its
        // first batches are sending while the rest are still being queued. Rows waiting to be tried again are rare;
        // their batches may overlap the pending rows' ranges, which is harmless, as a batch claims each row only once.
        var (size, queued, batches) = (options.Value.BatchSize, 0, 0);
        foreach (var status in (DeliveryStatus[])[DeliveryStatus.Pending, DeliveryStatus.FailedTemporary])
        {
            for (var after = 0L; ; batches++)
            {
                var ids = await db.Deliveries.AsNoTracking()
                    .Where(d => d.CampaignId == campaignId && d.Status == status && d.Id > after)
                    .OrderBy(d => d.Id).Select(d => d.Id).Take(size).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                queue.SendBatch(campaignId, ids[0], ids[^1]);
                (after, queued) = (ids[^1], queued + ids.Count);
            }
        }

        LogDispatched(campaignId, queued, batches);
        if (queued == 0)
        {
            await rows.TryCompleteAsync(campaignId, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Rows} unsent rows in {Batches} batches queued")]
    private partial void LogDispatched(int campaignId, int rows, int batches);
}
