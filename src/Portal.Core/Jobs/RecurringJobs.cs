using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Notices;
using Portal.Core.Oversight;
using Portal.Core.Retention;
using Portal.Core.Text;

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

        recurring.AddOrUpdate<WelfareAlertJob>(WelfareAlertJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<Support.SupportOptions>>().Value.AlertsCron);

        var oversight = services.GetRequiredService<IOptions<OversightOptions>>().Value;
        recurring.AddOrUpdate<OversightFiguresJob>(OversightFiguresJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), oversight.FiguresCron);
        if (oversight.BoardPacks)
        {
            // Kept in UK time, so the pack is written at 07:00 by the clock on the wall in summer and winter alike.
            recurring.AddOrUpdate<BoardPackJob>(BoardPackJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                Hangfire.Cron.Daily(oversight.BoardPackTime.Hour, oversight.BoardPackTime.Minute), new RecurringJobOptions { TimeZone = UkTime.Zone });
        }
        else
        {
            recurring.RemoveIfExists(BoardPackJob.RecurringJobId);
        }
    }
}
