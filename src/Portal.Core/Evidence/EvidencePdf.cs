using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Portal.Core.Outreach;
using Portal.Core.Text;

namespace Portal.Core.Evidence;

/// <summary>Draws an incident's evidence record: A4 pages, one entry after another, each with its time, what, who and detail.</summary>
internal static class EvidencePdf
{
    private const double Margin = 48;

    public static byte[] Render(IncidentEvidenceRecord record, PortalOptions portal)
    {
        LetterFonts.Register();
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var regular = new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Regular, options);
        var bold = new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Bold, options);
        var heading = new XFont(LetterFonts.Family, 15, XFontStyleEx.Bold, options);

        using var document = new PdfDocument();
        document.Info.Title = $"{portal.ServiceName}: evidence record for {record.Reference}";
        document.Info.Author = portal.OrganisationName;
        document.Info.CreationDate = record.DrawnUtc;
        document.Info.ModificationDate = record.DrawnUtc;
        PdfPage page = null!;
        XGraphics gfx = null!;
        var y = 0.0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        double Height(string text, XFont font, double width) => (Math.Max(1, Math.Ceiling(gfx.MeasureString(text, font).Width / width * 1.1)) * font.Height) + 1;
        void Text(string text, XFont font, double x, double width, double top)
        {
            new XTextFormatter(gfx).DrawString(text, font, XBrushes.Black, new XRect(x, top, width, Height(text, font, width)), XStringFormats.TopLeft);
        }

        NewPage();
        var width = page.Width.Point - (2 * Margin);
        Text(portal.OrganisationName, bold, Margin, width, y);
        y += bold.Height + 2;
        var title = $"Evidence record: {record.Reference} {record.Title}";
        Text(title, heading, Margin, width, y);
        y += Height(title, heading, width) + 4;
        var intro = $"Drawn on {UkTime.Format(record.DrawnUtc, "d MMMM yyyy 'at' HH:mm")} (UK time) from the audit trail, the decisions recorded, the notices and their delivery rows. Times are UK time.";
        Text(intro, regular, Margin, width, y);
        y += Height(intro, regular, width) + 10;

        const double whenWidth = 82, whatWidth = 130, whoWidth = 90;
        var detailWidth = width - whenWidth - whatWidth - whoWidth;
        foreach (var (when, what, who, full) in record.Entries)
        {
            // One paragraph a line; a notice's whole text is in the CSV.
            var detail = full.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ');
            detail = detail.Length > 1500 ? detail[..1500] + "… (the CSV has it whole)" : detail;
            var entry = new EvidenceEntry(when, what, who, detail);
            var height = new[] { Height(entry.What, bold, whatWidth - 6), Height(entry.Who, regular, whoWidth - 6), Height(entry.Detail, regular, detailWidth) }.Max() + 4;
            if (y + height > page.Height.Point - Margin)
            {
                NewPage();
            }

            Text(UkTime.Format(entry.WhenUtc, "d MMM yyyy HH:mm:ss"), regular, Margin, whenWidth - 6, y);
            Text(entry.What, bold, Margin + whenWidth, whatWidth - 6, y);
            Text(entry.Who, regular, Margin + whenWidth + whatWidth, whoWidth - 6, y);
            Text(entry.Detail, regular, Margin + whenWidth + whatWidth + whoWidth, detailWidth, y);
            y += height;
            gfx.DrawLine(XPens.LightGray, Margin, y - 2, Margin + width, y - 2);
        }

        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
