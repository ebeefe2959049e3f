using PdfSharp.Fonts;

namespace Portal.Core.Outreach;

/// <summary>The letters' one typeface, DejaVu Sans, from the assembly: no font need be installed on the server.</summary>
internal sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly object Gate = new();

    /// <summary>Tells PDFsharp where fonts come from, once per process.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LetterFonts)
            {
                GlobalFontSettings.FontResolver = new LetterFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream($"Portal.Core.Outreach.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in Portal.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
