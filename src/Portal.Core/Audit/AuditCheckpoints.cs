using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Audit;

/// <summary>
/// Anchors the audit chain outside the database. At intervals, and at each start, the head (last sequence and hash) is
/// signed with the chain's key and written to the log and appended to a file the database's owner cannot rewrite. Someone
/// who cuts the trail short and rewinds the head to match, or rewrites it whole, cannot make it agree with checkpoints
/// already written, nor write a checkpoint of their own without the key.
/// </summary>
public static class AuditCheckpoints
{
    /// <summary>Signs the head as it is now, appends it to <paramref name="file"/> and returns it; null while the trail is empty.</summary>
    public static async Task<AuditCheckpoint?> WriteAsync(PortalDbContext db, string file, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(h => h.Id == AuditChain.HeadId, cancellationToken);
        if (head.LastSequence == 0)
        {
            return null;
        }

        var keys = db.AuditKeys();
        var at = clock.GetUtcNow().UtcDateTime;
        at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var checkpoint = new AuditCheckpoint(at, head.LastSequence, head.LastHash, keys.CurrentKeyId, "");
        checkpoint = checkpoint with { Signature = Sign(checkpoint, keys.CurrentKey) };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.AppendAllTextAsync(file, checkpoint + "\n", cancellationToken);
        return checkpoint;
    }

    /// <summary>The signed checkpoints in the file, and a problem for each line that is not one the portal wrote.</summary>
    public static (IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Problems) Read(string file, AuditKeyRing keys)
    {
        if (!File.Exists(file))
        {
            return ([], []);
        }

        var checkpoints = new List<AuditCheckpoint>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 5
                || !DateTime.TryParseExact(parts[0], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                problems.Add($"Line {number} of the checkpoint file ({file}) is not a checkpoint: it was not written by the portal.");
                continue;
            }

            var checkpoint = new AuditCheckpoint(at, sequence, parts[2], parts[3], parts[4]);
            if (keys.KeyFor(checkpoint.KeyId) is not { } key)
            {
                problems.Add($"Line {number} of the checkpoint file was signed with the key \"{checkpoint.KeyId}\", which this portal does not hold: add it to Audit:Keys to check it.");
            }
            else if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(checkpoint, key)), Encoding.ASCII.GetBytes(checkpoint.Signature)))
            {
                problems.Add($"Line {number} of the checkpoint file does not carry the portal's signature: it was written or changed by someone else.");
            }
            else
            {
                checkpoints.Add(checkpoint);
            }
        }

        return (checkpoints, problems);
    }

    private static string Sign(AuditCheckpoint checkpoint, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            $"audit-checkpoint\n{checkpoint.AtUtc.ToString("O", CultureInfo.InvariantCulture)}\n{checkpoint.Sequence.ToString(CultureInfo.InvariantCulture)}\n{checkpoint.Hash}\n{checkpoint.KeyId}")));
}
