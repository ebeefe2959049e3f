using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Portal.Core.Outreach;
using Portal.Core.Text;

namespace Portal.Core.Oversight;

/// <summary>
/// Draws the board pack: A4 pages of the last day's figures, then each scope's headline numbers, medians, charts (bars
/// drawn as vectors, from the same numbers as the tables beside them) and tables. A suppressed cell reads
/// "fewer than 5" and is left out of its chart.
/// </summary>
internal sealed class BoardPackPdf : IDisposable
{
    private const double Margin = 48;
    private static readonly XColor[] SeriesColours = [XColor.FromArgb(0x1d, 0x70, 0xb8), XColor.FromArgb(0x00, 0x70, 0x3c), XColor.FromArgb(0xd4, 0x35, 0x1c)];

    private readonly PdfDocument document = new();
    private readonly XFont regular, bold, small, heading, subheading;
    private PdfPage page = null!;
    private XGraphics gfx = null!;
    private double y;

    private BoardPackPdf()
    {
        LetterFonts.Register();
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        regular = new XFont(LetterFonts.Family, 9, XFontStyleEx.Regular, options);
        bold = new XFont(LetterFonts.Family, 9, XFontStyleEx.Bold, options);
        small = new XFont(LetterFonts.Family, 7.5, XFontStyleEx.Regular, options);
        heading = new XFont(LetterFonts.Family, 16, XFontStyleEx.Bold, options);
        subheading = new XFont(LetterFonts.Family, 12, XFontStyleEx.Bold, options);
    }

    private double Width => page.Width.Point - (2 * Margin);

    public static byte[] Render(DateOnly day, DateTime fromUtc, DateTime toUtc, DateTime writtenUtc, bool madeUp, IReadOnlyList<FigureTable> lastDay, OversightFigures figures, PortalOptions portal)
    {
        using var pdf = new BoardPackPdf();
        var title = $"{portal.ServiceName}: board pack for {day.ToString("dddd d MMMM yyyy", UkEnglish.Culture)}";
        pdf.document.Info.Title = title;
        pdf.document.Info.Author = portal.OrganisationName;
        pdf.document.Info.CreationDate = writtenUtc;
        pdf.document.Info.ModificationDate = writtenUtc;
        pdf.NewPage();
        pdf.Text(portal.OrganisationName, pdf.bold, 2);
        pdf.Text(title, pdf.heading, 6);
        pdf.Text($"Written at {UkTime.Format(writtenUtc, "HH:mm 'on' d MMMM yyyy")} (UK time)"
            + (madeUp ? $", made up at the portal's next start: it was not running at {UkTime.Format(toUtc, "HH:mm")}." : "."), pdf.regular, 2);
        pdf.Text($"Counts of 1 to 4 are shown as \"{FigureTable.FewerThanFive}\"; a count that would let one of them be worked out from a total is \"{FigureTable.WithheldText}\". Figures are as at the time written.", pdf.regular, 12);

        pdf.Text($"The 24 hours from {UkTime.Format(fromUtc, "HH:mm 'on' d MMMM")} to {UkTime.Format(toUtc, "HH:mm 'on' d MMMM yyyy")}", pdf.subheading, 6);
        foreach (var table in lastDay)
        {
            pdf.Table(table);
        }

        foreach (var scope in figures.Scopes)
        {
            pdf.NewPage();
            pdf.Text(scope.Title, pdf.subheading, 2);
            pdf.Text(scope.SinceUtc is { } since ? $"Since it was discovered on {UkTime.Format(since, "d MMMM yyyy")}." : "Every incident and every notice, since the portal began.", pdf.regular, 4);
            pdf.Text($"People: {FigureTable.Show(scope.People)}. Median time to first contact: {Hours(scope.ToFirstContact)}. Median time to resolution: {Hours(scope.ToResolution)}.", pdf.regular, 8);
            foreach (var table in scope.Tables)
            {
                if (table.Key is OversightTables.NoticesByDay or OversightTables.RequestsByDay)
                {
                    pdf.Chart(table);
                }

                pdf.Table(table);
            }
        }

        using var stream = new MemoryStream();
        pdf.document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        gfx?.Dispose();
        document.Dispose();
    }

    private static string Hours(Median median) =>
        median.Hours is { } hours ? $"{hours:0.0} hours (over {median.Requests:N0} requests)" : $"not given ({FigureTable.FewerThanFive} requests)";

    private void NewPage()
    {
        gfx?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        gfx = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private void Room(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void Text(string text, XFont font, double after)
    {
        var lines = Math.Max(1, Math.Ceiling(gfx.MeasureString(text, font).Width / Width * 1.1));
        var height = (lines * font.Height) + 1;
        Room(height);
        new XTextFormatter(gfx).DrawString(text, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
        y += height + after;
    }

    private void Table(FigureTable table)
    {
        const double rowHeight = 12;
        var labelWidth = Math.Min(Width * 0.42, Width - (table.Columns.Count * 52));
        var columnWidth = (Width - labelWidth) / table.Columns.Count;
        string Fit(string text, XFont font, double width)
        {
            while (text.Length > 1 && gfx.MeasureString(text, font).Width > width - 4)
            {
                text = text[..^2] + "…";
            }

            return text;
        }

        void Header()
        {
            // Column headings wrap onto a second line rather than being cut short.
            var headerHeight = table.Columns.Any(c => gfx.MeasureString(c, small).Width > columnWidth - 4) ? 2 * small.Height + 2 : rowHeight;
            Room(headerHeight + (rowHeight * 3));
            gfx.DrawString(Fit(table.RowHeading, bold, labelWidth), bold, XBrushes.Black, new XRect(Margin, y + headerHeight - rowHeight, labelWidth, rowHeight), XStringFormats.TopLeft);
            var formatter = new XTextFormatter(gfx) { Alignment = XParagraphAlignment.Right };
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var lines = gfx.MeasureString(table.Columns[c], small).Width > columnWidth - 4 ? 2 : 1;
                var top = y + headerHeight - (lines * small.Height) - 1;
                formatter.DrawString(table.Columns[c], small, XBrushes.Black, new XRect(Margin + labelWidth + (c * columnWidth), top, columnWidth - 2, (lines * small.Height) + 1), XStringFormats.TopLeft);
            }

            y += headerHeight;
            gfx.DrawLine(XPens.Black, Margin, y, Margin + Width, y);
            y += 2;
        }

        Text(table.Title, bold, 3);
        Header();
        foreach (var row in table.Total is { } total ? [.. table.Rows, total] : table.Rows)
        {
            if (y + rowHeight > page.Height.Point - Margin)
            {
                NewPage();
                Header();
            }

            var font = ReferenceEquals(row, table.Total) ? bold : regular;
            gfx.DrawString(Fit(row.Label, font, labelWidth), font, XBrushes.Black, new XRect(Margin, y, labelWidth, rowHeight), XStringFormats.TopLeft);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                gfx.DrawString(FigureTable.Show(row.Values[c]), !FigureTable.IsShown(row.Values[c]) ? small : font, XBrushes.Black,
                    new XRect(Margin + labelWidth + (c * columnWidth), y, columnWidth - 2, rowHeight), XStringFormats.TopRight);
            }

            y += rowHeight;
        }

        y += 10;
    }

    /// <summary>Grouped bars, one colour a column, for a table of days; a suppressed day is left out, and said so.</summary>
    private void Chart(FigureTable table)
    {
        const double height = 130, legend = 14;
        Room(height + legend + 30);
        Text(table.Title + " (chart)", bold, 3);
        var left = Margin + 30;
        var width = Width - 30;
        var top = y + legend;
        var max = Math.Max(1, table.Rows.SelectMany(r => r.Values).Max(v => FigureTable.IsShown(v) ? v!.Value : 0));
        var scale = NiceCeiling(max);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var x = Margin + (c * 130);
            gfx.DrawRectangle(new XSolidBrush(SeriesColours[c % SeriesColours.Length]), x, y + 2, 8, 8);
            gfx.DrawString(table.Columns[c], small, XBrushes.Black, new XRect(x + 11, y + 1, 115, 10), XStringFormats.TopLeft);
        }

        gfx.DrawLine(XPens.Gray, left, top + height, left + width, top + height);
        gfx.DrawLine(XPens.Gray, left, top, left, top + height);
        gfx.DrawString(scale.ToString("N0", UkEnglish.Culture), small, XBrushes.Black, new XRect(Margin, top - 4, 27, 10), XStringFormats.TopRight);
        gfx.DrawString("0", small, XBrushes.Black, new XRect(Margin, top + height - 6, 27, 10), XStringFormats.TopRight);
        var slot = width / Math.Max(1, table.Rows.Count);
        var bar = Math.Max(0.5, (slot * 0.8) / table.Columns.Count);
        var suppressed = false;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (table.Rows[r].Values[c] is not { } value || !FigureTable.IsShown(value))
                {
                    suppressed = true;
                    continue;
                }

                var h = height * value / scale;
                gfx.DrawRectangle(new XSolidBrush(SeriesColours[c % SeriesColours.Length]), left + (r * slot) + (slot * 0.1) + (c * bar), top + height - h, bar, h);
            }

            if (r % 7 == 0 || r == table.Rows.Count - 1)
            {
                gfx.DrawString(table.Rows[r].Label, small, XBrushes.Black, new XRect(left + (r * slot) - 20, top + height + 2, slot + 40, 10), XStringFormats.TopCenter);
            }
        }

        y = top + height + 14;
        if (suppressed)
        {
            Text($"Days of {FigureTable.FewerThanFive}, or withheld, are not drawn; the table shows them so.", small, 2);
        }

        y += 6;
    }

    private static double NiceCeiling(int max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
