using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Portal.Core.Claims;

/// <summary>A receipt as kept: the file's name in the receipts folder, its type from its bytes, its SHA-256 and size.</summary>
public sealed record StoredReceipt(string File, string ContentType, string Sha256, long Bytes);

/// <summary>
/// Receipts, kept in <see cref="ClaimsOptions.ReceiptDirectory"/> under names the portal makes (the person's id and a
/// random part), never the name they were uploaded with. A receipt is kept when it is uploaded, before the claim is
/// made, so that "Check your answers" need not ask for it again; one that no claim takes is removed by retention.
/// A claim names its receipts by these names, and only the person who uploaded one can claim with it.
/// </summary>
public sealed partial class ReceiptStore(IOptions<ClaimsOptions> options)
{
    private string Directory => options.Value.ReceiptDirectory;

    /// <summary>Keeps the upload if its bytes show a PDF, JPEG or PNG within the size limit; otherwise says why not.</summary>
    public async Task<(StoredReceipt? Receipt, string? Problem)> KeepAsync(int personId, Stream content, long length, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (contentType, problem) = ReceiptFiles.Check(head.AsSpan(0, read), length);
        if (contentType is null)
        {
            return (null, problem);
        }

        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{personId}-{Guid.NewGuid():N}";
        var path = Path.Combine(Directory, name);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            sha.AppendData(head, 0, read);
            await file.WriteAsync(head.AsMemory(0, read), cancellationToken);
            written = read + await Files.HashingCopy.CopyAsync(content, file, sha, ReceiptFiles.MaxBytes - read, cancellationToken);
        }

        if (written > ReceiptFiles.MaxBytes)
        {
            File.Delete(path);
            return (null, ReceiptFiles.Check(head, written).Problem);
        }

        return (new StoredReceipt(name, contentType, Convert.ToHexStringLower(sha.GetHashAndReset()), written), null);
    }

    /// <summary>
    /// The receipt the person uploaded under this name, read again from the file (never from what a form says about
    /// it); null when the name is not one of theirs or the file is gone.
    /// </summary>
    public async Task<StoredReceipt?> FindAsync(int personId, string? name, CancellationToken cancellationToken)
    {
        if (name is null || !NamePattern().IsMatch(name) || !name.StartsWith($"{personId}-", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        var head = new byte[16];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (contentType, _) = ReceiptFiles.Check(head.AsSpan(0, read), file.Length);
        if (contentType is null)
        {
            return null;
        }

        file.Position = 0;
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return new StoredReceipt(name, contentType, Convert.ToHexStringLower(hash), file.Length);
    }

    /// <summary>The receipt's bytes, or null if retention has removed them.</summary>
    public Stream? Open(string name) =>
        NamePattern().IsMatch(name) && File.Exists(Path.Combine(Directory, name)) ? File.OpenRead(Path.Combine(Directory, name)) : null;

    public void Delete(string name)
    {
        if (NamePattern().IsMatch(name))
        {
            File.Delete(Path.Combine(Directory, name));
        }
    }

    /// <summary>The names of receipts kept before the given time (for retention to remove those no claim took).</summary>
    public IEnumerable<string> KeptBefore(DateTime utc) =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>()
                .Where(n => NamePattern().IsMatch(n) && File.GetLastWriteTimeUtc(Path.Combine(Directory, n)) < utc)
            : [];

    [GeneratedRegex("^[0-9]{1,10}-[0-9a-f]{32}$")]
    private static partial Regex NamePattern();
}
