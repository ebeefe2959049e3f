using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;
using Portal.Core.Jobs;

namespace Portal.Core.Notices;

/// <summary>
/// Hangfire's retry policy for the notice jobs, from <see cref="NoticeOptions"/> rather than an attribute's constants:
/// a job that fails (the database could not be reached, say) is retried <see cref="NoticeOptions.JobRetries"/> times
/// with the configured backoff, and after that the sweeper picks the work up again. A relay that cannot be reached does
/// not fail a job: <see cref="Mail.RelayWatch"/> resumes sending when it answers.
/// </summary>
public sealed class NoticeJobFilters(IOptions<NoticeOptions> options) : IJobFilterProvider
{
    private readonly JobFilter[] retry =
    [
        new(new AutomaticRetryAttribute
        {
            Attempts = options.Value.JobRetries,
            DelaysInSeconds = [.. options.Value.Delays],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
            LogEvents = true,
        }, JobFilterScope.Method, null),
    ];

    public IEnumerable<JobFilter> GetFilters(Job job) => job?.Type == typeof(CampaignDispatchJob) || job?.Type == typeof(NoticeBatchJob) || job?.Type == typeof(DeliverySweepJob) ? retry : [];
}
