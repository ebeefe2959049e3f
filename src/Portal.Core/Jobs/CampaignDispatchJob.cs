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
