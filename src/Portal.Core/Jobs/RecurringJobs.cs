using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Notices;
using Portal.Core.Retention;

namespace Portal.Core.Jobs;

/// <summary>
/// Every recurring job, registered here and nowhere else, each on the schedule its settings give. Registering again
/// (every start of every node) updates a job in place: the ids are stable.
/// </summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager recurring, IServiceProvider services)
    {
        recurring.AddOrUpdate<DeliverySweepJob>(DeliverySweepJob.RecurringJobId, job => job.SweepAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<NoticeOptions>>().Value.SweepCron);
        recurring.AddOrUpdate<LadderJob>(LadderJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<NoticeOptions>>().Value.LadderCron);
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<RetentionOptions>>().Value.Cron);
        recurring.AddOrUpdate<AuditCheckpointJob>(AuditCheckpointJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointCron);
    }
}
