using System.Security.Cryptography;

namespace Portal.Core.Files;

/// <summary>Copies an upload to its file while hashing it, in one pass: the import files' and the receipts' way in.</summary>
public static class HashingCopy
{
    /// <summary>
    /// Copies and hashes what is left of <paramref name="from"/>, stopping once more than <paramref name="limit"/> bytes
    /// have come (the caller then refuses the file).
    /// </summary>
    /// <returns>The bytes read: more than the limit when it was passed.</returns>
    public static async Task<long> CopyAsync(Stream from, Stream to, IncrementalHash sha, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > limit)
            {
                break;
            }

            sha.AppendData(buffer, 0, read);
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return copied;
    }
}
