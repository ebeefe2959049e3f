using Hangfire;
using Portal.Core.Jobs;

namespace Portal.Core.Notices;

/// <summary>
/// Puts notice work on Hangfire. Every job carries ids only; the delivery rows say what is left to do, so a job
/// that runs twice, late, or after a restart finds its work from them.
/// </summary>
public sealed class NoticeQueue(IBackgroundJobClient jobs)
{
    /// <summary>The queue the batches run on, served by as many workers as <see cref="NoticeOptions.Parallelism"/>.</summary>
    public const string SendingQueue = "notices";

    public void Dispatch(int campaignId) =>
        jobs.Enqueue<CampaignDispatchJob>(job => job.DispatchAsync(campaignId, CancellationToken.None));

    public void SendBatch(int campaignId, long firstId, long lastId) =>
        jobs.Enqueue<NoticeBatchJob>(SendingQueue, job => job.SendBatchAsync(campaignId, firstId, lastId, CancellationToken.None));

    public void SendBatchAt(int campaignId, long firstId, long lastId, DateTimeOffset at) =>
        jobs.Schedule<NoticeBatchJob>(SendingQueue, job => job.SendBatchAsync(campaignId, firstId, lastId, CancellationToken.None), at);
}
