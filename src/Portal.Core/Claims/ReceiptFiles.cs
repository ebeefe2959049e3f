namespace Portal.Core.Claims;

/// <summary>
/// What a receipt is, from its first bytes, never from its name: a PDF, a JPEG or a PNG, and no larger than
/// <see cref="MaxBytes"/>. Anything else — a renamed program, a Word file, a web page — is refused with what to do.
/// </summary>
public static class ReceiptFiles
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly (string ContentType, byte[] Magic)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>The file's type as its bytes show it, or null with the reason it is refused.</summary>
    public static (string? ContentType, string? Problem) Check(ReadOnlySpan<byte> head, long length)
    {
        if (length == 0)
        {
            return (null, "The file is empty. Choose the receipt again");
        }

        if (length > MaxBytes)
        {
            return (null, $"The file must be smaller than {MaxBytes / (1024 * 1024)} MB. Scan or photograph the receipt at a lower resolution");
        }

        foreach (var (contentType, magic) in Known)
        {
            if (head.StartsWith(magic))
            {
                return (contentType, null);
            }
        }

        return (null, "The file must be a PDF, a JPEG or a PNG, whatever its name says. Save or photograph the receipt as one of those");
    }
}
