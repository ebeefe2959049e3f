using System.Globalization;

namespace Portal.Core.Audit;

/// <summary>The chain's head at one moment, signed with the chain's key: one line of the checkpoint file.</summary>
public sealed record AuditCheckpoint(DateTime AtUtc, long Sequence, string Hash, string KeyId, string Signature)
{
    /// <summary>The line as written: time, sequence, hash, key id, signature, separated by spaces.</summary>
    public override string ToString() =>
        $"{AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {Sequence.ToString(CultureInfo.InvariantCulture)} {Hash} {KeyId} {Signature}";
}
