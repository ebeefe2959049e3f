using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Portal.Core.Domain;
using Portal.Core.Outreach;
using Portal.Core.People;
using Portal.Core.Support;
using Portal.Core.Text;
using QRCoder;

namespace Portal.Core.Evidence;

/// <summary>Draws a personal statement: A4 pages of what was held and not held, notices, support requests, then the code to verify it by.</summary>
internal static class StatementPdf
{
    private const double Margin = 56;

    public static byte[] Render(SubjectAccessCopy copy, string code, string verifyUrl, DateTime issuedUtc, PortalOptions portal)
    {
        LetterFonts.Register();
        static string Day(DateTime utc) => UkTime.Format(utc, "d MMMM yyyy");
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var regular = new XFont(LetterFonts.Family, 10, XFontStyleEx.Regular, options);
        var bold = new XFont(LetterFonts.Family, 10, XFontStyleEx.Bold, options);
        var heading = new XFont(LetterFonts.Family, 15, XFontStyleEx.Bold, options);
        var subheading = new XFont(LetterFonts.Family, 12, XFontStyleEx.Bold, options);

        using var document = new PdfDocument();
        document.Info.Title = $"{portal.ServiceName}: personal statement {code}";
        document.Info.Author = portal.OrganisationName;
        // Fixed, so the same content always makes the same bytes.
        document.Info.CreationDate = issuedUtc;
        document.Info.ModificationDate = issuedUtc;
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

        var width = 0.0;
        void Text(string text, XFont font, double after = 3)
        {
            var lines = Math.Max(1, Math.Ceiling(gfx.MeasureString(text, font).Width / width));
            var height = (lines * font.Height) + 1;
            if (y + height > page.Height.Point - Margin)
            {
                NewPage();
            }

            new XTextFormatter(gfx).DrawString(text, font, XBrushes.Black, new XRect(Margin, y, width, height), XStringFormats.TopLeft);
            y += height + after;
        }

        NewPage();
        width = page.Width.Point - (2 * Margin);
        var p = copy.Person;
        Text(portal.OrganisationName, bold, 2);
        Text($"{portal.ServiceName}: personal statement", heading, 8);
        Text($"Issued to {p.GivenName} {p.FamilyName}, {p.RankOrGrade}, pay number {p.PayNumber}, on {Day(issuedUtc)} at {UkTime.Format(issuedUtc, "HH:mm")} (UK time).", regular, 4);
        Text("It states what the portal holds about you on that day. Anyone you show it to can check that the portal issued it, and that it has not been changed, with the code at its end.", regular, 10);

        Text("What each incident held about you", subheading, 4);
        if (copy.Exposures.Count == 0)
        {
            Text("No incident held anything about you.", regular, 8);
        }

        foreach (var exposure in copy.Exposures)
        {
            Text($"{exposure.Incident}: {exposure.Title}", bold, 2);
            Text("Held: " + string.Join("; ", exposure.Held), regular, 2);
            Text("Not held: " + (exposure.NotHeld.Count == 0 ? "nothing" : string.Join("; ", exposure.NotHeld)), regular, 8);
        }

        Text("Notices sent to you", subheading, 4);
        if (copy.Notices.Count == 0)
        {
            Text("None.", regular, 8);
        }

        foreach (var notice in copy.Notices)
        {
            Text($"{notice.Subject}. Sent {(notice.SentUtc is { } sent ? Day(sent) : "–")}; " +
                (notice.AcknowledgedUtc is { } read ? $"you confirmed you had read it on {Day(read)}." : "you have not confirmed reading it."), regular, 4);
        }

        y += 4;
        Text("Your support requests", subheading, 4);
        if (copy.SupportRequests.Count == 0)
        {
            Text("None.", regular, 8);
        }

        foreach (var request in copy.SupportRequests)
        {
            var type = Enum.TryParse<SupportRequestType>(request.Type, out var t) ? SupportWorkflow.Describe(t) : request.Type;
            var status = Enum.TryParse<SupportRequestStatus>(request.Status, out var s) ? SupportWorkflow.Describe(s) : request.Status;
            Text($"{request.Reference}: {type}. Made {Day(request.CreatedUtc)}; {status.ToLowerInvariant()} on {Day(request.UpdatedUtc)}.", regular, 4);
        }

        // The code, the address and a QR code for it, kept together.
        const double qrSize = 96;
        if (y + qrSize + 40 > page.Height.Point - Margin)
        {
            NewPage();
        }

        y += 10;
        Text("Check this statement", subheading, 4);
        Text($"Verification code: {code}", bold, 2);
        Text($"Open {verifyUrl}, or scan the code below, to see when the portal issued it and the SHA-256 of this document.", regular, 6);
        DrawQr(gfx, verifyUrl, Margin, y, qrSize);
        gfx.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The QR code as black squares, so no image format is involved.</summary>
    private static void DrawQr(XGraphics gfx, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Count; column++)
            {
                if (matrix[row][column])
                {
                    gfx.DrawRectangle(XBrushes.Black, x + (column * module), y + (row * module), module, module);
                }
            }
        }
    }
}
