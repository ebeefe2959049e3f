using Portal.Core.Claims;

namespace Portal.Core.Tests;

/// <summary>A receipt is what its bytes say it is, not what its name says.</summary>
public sealed class ReceiptFilesTests
{
    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "a PDF", "%PDF-1.7\n"u8.ToArray(), "application/pdf" },
        { "a JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "image/jpeg" },
        { "a PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "image/png" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void APdfJpegOrPng_IsTakenAsWhatItsBytesAre(string what, byte[] head, string contentType)
    {
        Assert.Equal((contentType, (string?)null), ReceiptFiles.Check(head, 2048));
        Assert.NotEmpty(what);
    }

    [Fact]
    public void AProgramRenamedReceiptPdf_IsRefused_AsAnythingButAPdfJpegOrPng()
    {
        // "MZ": the start of every Windows program, whatever the file is called.
        var (type, problem) = ReceiptFiles.Check("MZ\x90\0\x03"u8, 40_000);

        Assert.Null(type);
        Assert.Equal("The file must be a PDF, a JPEG or a PNG, whatever its name says. Save or photograph the receipt as one of those", problem);
    }

    [Fact]
    public void AnEmptyOrOversizedFile_IsRefusedWithWhatToDo()
    {
        Assert.Equal("The file is empty. Choose the receipt again", ReceiptFiles.Check([], 0).Problem);
        Assert.Equal("The file must be smaller than 10 MB. Scan or photograph the receipt at a lower resolution", ReceiptFiles.Check("%PDF-"u8, ReceiptFiles.MaxBytes + 1).Problem);
    }
}
