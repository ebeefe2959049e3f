namespace Portal.Core.Audit;

/// <summary>The <c>Audit</c> section: the keys that seal the audit chain, and where its checkpoints are kept.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// The chain's keys by id, each 32 random bytes in base64 (<c>openssl rand -base64 32</c>). Keep them in the secret
    /// store, never in the database: whoever holds a key can re-seal a rewritten chain. Keep every key that sealed events
    /// for as long as the events are kept, or those events can no longer be checked.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The id, among <see cref="Keys"/>, of the key new events are sealed with. Rotate by adding a key and naming it here.</summary>
    public string? CurrentKey { get; set; }

    /// <summary>
    /// The file each checkpoint is appended to: somewhere the database's owner cannot rewrite (an append-only mount, a
    /// write-once store, a log collector). Relative paths are resolved like the database's.
    /// </summary>
    public string CheckpointFile { get; set; } = "data/audit-checkpoints.log";

    /// <summary>When a checkpoint of the chain's head is written, as a cron expression in UTC (and once at each start). Hourly by default.</summary>
    public string CheckpointCron { get; set; } = "0 * * * *";
}
