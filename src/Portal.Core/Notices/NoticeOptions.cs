using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Notices;

/// <summary>The <c>Notices</c> section: how campaigns are approved, batched, paced and retried.</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>The portal's public address, for the links in e-mails (no trailing slash needed).</summary>
    [Required]
    [Url]
    public string PortalUrl { get; set; } = "http://localhost:5080";

    /// <summary>A campaign to more people than this needs a second administrator to approve it.</summary>
    [Range(0, 10_000_000)]
    public int ApprovalThreshold { get; set; } = 500;

    /// <summary>Recipients per background job.</summary>
    [Range(10, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches sent at once on each node, each over its own SMTP connection.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    /// <summary>The most messages a minute each node may hand to the relay; 0 for no limit.</summary>
    [Range(0, 10_000_000)]
    public int RateLimitPerMinute { get; set; }

    /// <summary>Attempts for one recipient whose address the relay refuses for now (4xx) before giving up.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    private static readonly int[] DefaultDelays = [30, 120, 600, 1800, 3600];

    /// <summary>
    /// The waits, in seconds, before each retry; the last repeats. Used for a refused recipient and for a relay that
    /// cannot be reached. Empty means 30 s, 2 min, 10 min, 30 min, then hourly. (Set the whole list: configuration
    /// adds to a non-empty default rather than replacing it.)
    /// </summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    public IReadOnlyList<int> Delays => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : DefaultDelays;

    /// <summary>
    /// How many times a notice job that fails for a reason of the portal's own (the database cannot be reached, say) is
    /// retried after <see cref="RetryDelaysSeconds"/>, before the sweeper takes over. A relay that cannot be reached is
    /// not a failure of the job: see <see cref="RelayProbeInterval"/>.
    /// </summary>
    [Range(0, 100)]
    public int JobRetries { get; set; } = 10;

    /// <summary>
    /// While the relay cannot be reached, how often each node asks whether it answers again; sending resumes within
    /// this of its return.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RelayProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A row still "sending" this long after it was claimed belonged to a process that died; it is put back.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When the sweeper runs (cron), which also starts scheduled campaigns.</summary>
    [Required]
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>When the escalation ladders are worked: every minute.</summary>
    public string LadderCron { get; set; } = "* * * * *";

    /// <summary>How often delayed jobs (retries) are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryDelay(int attempt)
    {
        var index = Math.Clamp(attempt - 1, 0, Delays.Count - 1);
        return TimeSpan.FromSeconds(Delays[index]);
    }
}
