using System.Security.Cryptography;

namespace Portal.Core.Audit;

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
