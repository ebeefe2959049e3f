using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Text;

namespace Portal.Core.Outreach;

/// <summary>
/// The ladder's letters: one PDF a batch, a letter a page, for internal post to each person's work location. A letter
/// names the person (name, rank, unit, work location), the force, what to do and the portal's address; it never says
/// what was held about them. Letters are sorted by work location and unit, as the post room delivers them. Every
/// download is audited: the PDF names people.
/// </summary>
public sealed class Letters(PortalDbContext db, AuditLog audit, IOptions<PortalOptions> portal, IOptions<NoticeOptions> notices, TimeProvider clock)
{
    private const double Margin = 60;

    /// <summary>The batch's PDF, or null when the campaign has no such batch.</summary>
    public async Task<byte[]?> DownloadAsync(Actor actor, int campaignId, int batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.LetterBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.CampaignId == campaignId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var people = await db.Escalations.AsNoTracking().Where(o => o.LetterBatchId == batchId)
            .Join(db.People, o => o.PersonId, p => p.Id, (o, p) => new LetterRecipient(p.GivenName, p.FamilyName, p.RankOrGrade, p.Unit, p.WorkLocation))
            .ToListAsync(cancellationToken);
        batch.FirstDownloadedUtc ??= clock.GetUtcNow().UtcDateTime;
        audit.Add(actor, AuditActions.LettersDownloaded, null, Campaigns.Target(campaignId), string.Create(CultureInfo.InvariantCulture, $"batch {batchId}: {people.Count} letters"));
        await db.SaveChangesAsync(cancellationToken);
        return Render(people, batch.CreatedUtc);
    }

    /// <summary>The letters as one PDF, dated <paramref name="datedUtc"/>.</summary>
    public byte[] Render(IEnumerable<LetterRecipient> people, DateTime datedUtc)
    {
        LetterFonts.Register();
        var settings = portal.Value;
        var portalUrl = notices.Value.PortalUrl.TrimEnd('/') + "/";
        var date = UkTime.Format(datedUtc, "d MMMM yyyy");
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var regular = new XFont(LetterFonts.Family, 11, XFontStyleEx.Regular, options);
        var bold = new XFont(LetterFonts.Family, 11, XFontStyleEx.Bold, options);
        var heading = new XFont(LetterFonts.Family, 16, XFontStyleEx.Bold, options);
        var small = new XFont(LetterFonts.Family, 9, XFontStyleEx.Regular, options);

        using var document = new PdfDocument();
        document.Info.Title = $"{settings.ServiceName}: letters";
        document.Info.Author = settings.OrganisationName;
        foreach (var person in people.OrderBy(p => p.WorkLocation, StringComparer.Ordinal).ThenBy(p => p.Unit, StringComparer.Ordinal)
            .ThenBy(p => p.FamilyName, StringComparer.Ordinal).ThenBy(p => p.GivenName, StringComparer.Ordinal))
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var width = page.Width.Point - (2 * Margin);
            var y = Margin;
            void Line(string text, XFont font, double gap = 4)
            {
                gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, y, width, font.Height), XStringFormats.TopLeft);
                y += font.Height + gap;
            }

            void Paragraph(string text)
            {
                var formatter = new XTextFormatter(gfx);
                var lines = Math.Ceiling(gfx.MeasureString(text, regular).Width / width) + 1;
                var height = (lines * regular.Height) + 2;
                formatter.DrawString(text, regular, XBrushes.Black, new XRect(Margin, y, width, height), XStringFormats.TopLeft);
                y += height + 6;
            }

            Line("PRIVATE: FOR THE ADDRESSEE ONLY", small, 14);
            Line(settings.OrganisationName, heading, 18);
            Line($"{person.GivenName} {person.FamilyName}", bold);
            Line(person.RankOrGrade, regular);
            Line(person.Unit, regular);
            Line(person.WorkLocation, regular);
            Line("By internal post", small, 18);
            Line(date, regular, 18);
            Line($"Dear {person.GivenName},", regular, 10);
            Paragraph($"We have sent you a notice about data that the company which printed our warrant cards and passes lost. We have not yet seen you confirm that you have read it, so we are writing to you as well.");
            Paragraph($"Please sign in to the {settings.ServiceName} with your force account, on a force device or your own, at:");
            Line(portalUrl, bold, 10);
            Paragraph("Read the notice, then choose \u201CI have read this\u201D. The portal shows you what was held about you and what was not, and what to do next. If you need support, or have seen something suspicious, you can say so from the notice.");
            Paragraph($"This letter does not say what was held about you, and we will never ask for your details by letter, e-mail or phone. If you cannot sign in, or want to talk to someone, contact {settings.WelfareContact}.");
            Line("Yours sincerely,", regular, 10);
            Line($"The {settings.ServiceName} team, {settings.OrganisationName}", regular);
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
