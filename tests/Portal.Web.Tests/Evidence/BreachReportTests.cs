using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Evidence;

/// <summary>
/// The seeded workforce (the same generator, 2,000 people rather than 47,000, to keep the suite light) with the test
/// sign-in: the supplier breach as the demonstration shows it, for the report's figures.
/// </summary>
public sealed class SeededReportFactory : PortalFactory
{
    public const int Size = 2_000;

    public SeededReportFactory()
    {
        Seed = true;
        Settings["Seed:Size"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The report to the regulator for the seeded supplier breach: Article 33's headings, with the manifest's counts.</summary>
public sealed class BreachReportTests(SeededReportFactory factory) : IClassFixture<SeededReportFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSuppliersBreach_ReportInWord_HasArticle33sHeadingsInOrder_WithThePeopleAndFieldsCountedFromItsManifest()
    {
        var manifest = WorkforceGenerator.Generate(SeededReportFactory.Size).Incidents.Single(i => i.Reference == WorkforceGenerator.SupplierBreachReference).Manifest;
        int incidentId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            incidentId = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Incidents
                .Where(i => i.Reference == WorkforceGenerator.SupplierBreachReference).Select(i => i.Id).SingleAsync(Cancel);
        }

        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var response = await admin.GetAsync($"/admin/incidents/{incidentId}/report?handler=Word", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"breach-report-{WorkforceGenerator.SupplierBreachReference}-v0.docx", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using var word = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel)), false);
        var body = word.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2").Select(p => p.InnerText).ToList();
        Assert.Equal(
        [
            "1. The nature of the personal data breach",
            "2. Categories and approximate number of people concerned",
            "3. Categories and approximate number of personal data records concerned",
            "4. The data protection officer",
            "5. The likely consequences of the breach",
            "6. Measures taken or proposed",
            "7. When the breach was discovered and reported",
        ], headings);

        var text = string.Join("\n", body.Elements<Paragraph>().Select(p => p.InnerText));
        Assert.True(text.Contains($"About {manifest.Count:N0} people", StringComparison.Ordinal), text);
        var rows = body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        foreach (var field in DataFieldCatalogue.All.Where(f => manifest.Any(m => m.Fields.HasFlag(f.Flag))))
        {
            Assert.Contains([Portal.Core.Evidence.BreachReports.FieldName(field), manifest.Count(m => m.Fields.HasFlag(field.Flag)).ToString("N0", Portal.Core.Text.UkEnglish.Culture)], rows);
        }

        Assert.Contains(["Total", manifest.Count.ToString("N0", Portal.Core.Text.UkEnglish.Culture)], rows);
        Assert.Contains("The Data Protection Officer, Information Rights Unit", text, StringComparison.Ordinal);
        Assert.Contains("Discovered on ", text, StringComparison.Ordinal);
        Assert.Contains("Not yet reported to the Information Commissioner's Office.", text, StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
                .AnyAsync(e => e.Action == AuditActions.BreachReportDownloaded && e.Target == $"incident/{incidentId}", Cancel));
        }
    }
}
