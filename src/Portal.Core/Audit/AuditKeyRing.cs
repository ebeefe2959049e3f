using System.Security.Cryptography;

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

/// <summary>
/// The keys that seal the audit chain: HMAC-SHA-256 keys held outside the database, each known by an id that every
/// event records, so that keys can be rotated and old events still checked.
/// </summary>
public sealed class AuditKeyRing
{
    private readonly Dictionary<string, byte[]> keys;

    public AuditKeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        this.keys = new(keys, StringComparer.Ordinal);
        CurrentKeyId = this.keys.ContainsKey(currentKeyId) ? currentKeyId : throw new ArgumentException($"There is no key called {currentKeyId}.", nameof(currentKeyId));
    }

    public string CurrentKeyId { get; }

    public byte[] CurrentKey => keys[CurrentKeyId];

    public byte[]? KeyFor(string keyId) => keys.GetValueOrDefault(keyId);

    /// <summary>The key ring the settings describe; a message that says what to set when they describe none or a wrong one.</summary>
    public static AuditKeyRing From(AuditOptions options)
    {
        if (options.Keys.Count == 0 || string.IsNullOrWhiteSpace(options.CurrentKey))
        {
            throw new InvalidOperationException(
                "The audit trail has no key to seal it with. Set Audit:Keys:<id> to 32 random bytes in base64 (openssl rand -base64 32) and Audit:CurrentKey to that id, " +
                "in the secret store — never in the database or the repository (see appsettings.sample.json and docs/security.md).");
        }

        var decoded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, text) in options.Keys)
        {
            var bytes = new byte[64];
            if (!Convert.TryFromBase64String(text ?? "", bytes, out var length) || length < 32)
            {
                throw new InvalidOperationException($"Audit:Keys:{id} is not at least 32 bytes in base64. Make a key with: openssl rand -base64 32");
            }

            decoded[id] = bytes[..length];
        }

        return decoded.ContainsKey(options.CurrentKey)
            ? new AuditKeyRing(decoded, options.CurrentKey)
            : throw new InvalidOperationException($"Audit:CurrentKey is \"{options.CurrentKey}\", but Audit:Keys has no key with that id. Name one of: {string.Join(", ", decoded.Keys)}.");
    }

    /// <summary>A new random key, in base64, for a key file or the secret store.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
