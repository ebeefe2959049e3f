namespace Portal.Web.Infrastructure;

/// <summary>The <c>Jobs</c> section: Hangfire's shared storage when the portal runs on PostgreSQL.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How long a job fetched by a node that then dies stays invisible before another node takes it. The timeout slides:
    /// a node still working on a job keeps it, however long the job takes. A distributed lock a dead node held is freed
    /// after the same time.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>This node's name in the jobs dashboard; the machine's name unless set (set it where nodes share a host name).</summary>
    public string? ServerName { get; set; }

    /// <summary>How often queues are polled as well as listened to (new jobs are announced with LISTEN/NOTIFY).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
