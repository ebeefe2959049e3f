using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Importing through the browser: upload, the whole-file check and its report, then the import — with the background jobs really running.</summary>
public sealed class ImportPagesTests
{
    private const string Header = "pay_number,given_name,family_name,personnel_type,rank_or_grade,unit,work_location,vetting_level,email,sensitive_role,status";

    private static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static string Person(string payNumber, string given, string family, string email) =>
        $"{payNumber},{given},{family},officer,Constable,Emergency Response,Northgate,NPPV2,{email},none,active";

    private static readonly byte[] TwoPeople = File(Header, Person("IMP001", "Siobhán", "O'Brien", "siobhan.obrien@force.example"), Person("IMP002", "Minh", "Nguyễn", "minh.nguyen@force.example"));

    private static async Task<(PortalFactory Factory, HttpClient Admin)> AdminAsync(PortalFactory? factory = null)
    {
        factory ??= new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        return (factory, factory.ClientAs(admin.PayNumber, RoleNames.Admin));
    }

    private static async Task<string> UploadAsync(HttpClient admin, byte[] bytes, string kind = "Personnel", string? incidentId = null, string name = "extract.csv")
    {
        var fields = new List<(string, string)> { ("Kind", kind) };
        if (incidentId is not null)
        {
            fields.Add(("IncidentId", incidentId));
        }

        var response = await admin.UploadAsync("/admin/imports", "/admin/imports", ("Upload", name, bytes), [.. fields]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Waits for the background job to finish, as the page's own polling does, then reads the page.</summary>
    private static async Task<IDocument> WaitAsync(HttpClient admin, string address)
    {
        for (var i = 0; i < 300; i++)
        {
            var page = await Html.ReadAsync(await admin.GetAsync(address, TestContext.Current.CancellationToken));
            if (page.QuerySelector("[data-testid=running]") is null)
            {
                return page;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{address} was still running after 30 s.");
    }

    /// <summary>The uploaded files still kept: each holds people's details, so only a clean file waiting to be imported should be.</summary>
    private static string[] StoredFiles(PortalFactory factory)
    {
        var directory = Path.Combine(factory.DataDirectory, "imports");
        return Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
    }

    private static string Count(IDocument page, string key) =>
        page.QuerySelectorAll("[data-testid=counts] .govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == key).QuerySelector("dd")!.TextContent;

    private static async Task<List<string>> AuditedAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action.StartsWith("import.")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ACleanExtract_IsCheckedThenImported_NamesExactly_AndAgainChangesNothing()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;

        var address = await UploadAsync(admin, TwoPeople);
        var checkedPage = await WaitAsync(admin, address);
        var keptForImport = StoredFiles(factory);
        var imported = await admin.SubmitAsync(address, address + "?handler=Apply");
        var done = await WaitAsync(admin, address);
        var againAddress = await UploadAsync(admin, TwoPeople);
        var again = await WaitAsync(admin, againAddress);
        var history = await Html.ReadAsync(await admin.GetAsync("/admin/imports", TestContext.Current.CancellationToken));

        Assert.Equal("Checked", checkedPage.Section("status").TextContent);
        Assert.Equal("2", Count(checkedPage, "New people"));
        Assert.Equal("0", Count(checkedPage, "Problems"));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("Imported", done.Section("status").TextContent);
        Assert.StartsWith("Imported by", done.Section("applied").TextContent, StringComparison.Ordinal);
        Assert.Single(keptForImport);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.Equal(["O'Brien", "Nguyễn"], await db.People.Where(p => p.PayNumber.StartsWith("IMP")).OrderBy(p => p.PayNumber).Select(p => p.FamilyName).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Siobhán", await db.People.Where(p => p.PayNumber == "IMP001").Select(p => p.GivenName).SingleAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal("0", Count(again, "New people"));
        Assert.Equal("0", Count(again, "People changed"));
        Assert.Equal("2", Count(again, "Unchanged"));
        Assert.Equal("This file matches what is held: importing it would change nothing.", again.Section("no-changes").TextContent);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TwoPeople));
        Assert.Equal(2, history.QuerySelectorAll($"[data-testid=history] code[title='{sha}']").Length);
        Assert.Equal(["import.uploaded", "import.apply_requested", "import.applied", "import.uploaded"], await AuditedAsync(factory));
        Assert.Equal([Path.Combine(factory.DataDirectory, "imports", againAddress.Split('/')[^1] + ".csv")], StoredFiles(factory));
    }

    [Fact]
    public async Task AnImportWhoseFileIsNotWhereItRuns_SaysToUploadAgain_AndWritesNothing()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var address = await UploadAsync(admin, TwoPeople);
        await WaitAsync(admin, address);

        // As when the job lands on another node and the uploads folder is not shared.
        System.IO.File.Delete(Assert.Single(StoredFiles(factory)));
        await admin.SubmitAsync(address, address + "?handler=Apply");
        var failed = await WaitAsync(admin, address);

        Assert.Equal("Stopped", failed.Section("status").TextContent);
        Assert.Contains("The uploaded file was not found where this import ran. Upload it again.", failed.Section("failure").TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().People.AnyAsync(p => p.PayNumber.StartsWith("IMP"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheProblemReport_OpensInASpreadsheetAsTextNeverAsAFormula()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        // A header cell that is a formula is quoted back as the column's name.
        var bytes = File(Header + ",=HYPERLINK(\"http://evil.example\";\"x\"),@SUM(A1)", Person("CSV001", "Ann", "Lee", "ann.lee@force.example") + ",a,b");

        var address = await UploadAsync(admin, bytes);
        await WaitAsync(admin, address);
        var report = await admin.GetAsync(address + "?handler=Report", TestContext.Current.CancellationToken);
        using var reader = new System.IO.StringReader(await report.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var names = new List<string>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            names.Add(csv.GetField("column_name")!);
        }

        Assert.Equal("text/csv", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\";\"x\")", "'@SUM(A1)"], names);
    }

    [Fact]
    public async Task SettingAsideAFileAlreadyImported_IsRefusedWithWhy_AndLeavesItImported()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var address = await UploadAsync(admin, TwoPeople);
        await WaitAsync(admin, address);
        await admin.SubmitAsync(address, address + "?handler=Apply");
        await WaitAsync(admin, address);

        var refused = await Html.ReadAsync(await admin.SubmitAsync(address, address + "?handler=Discard"));
        var after = await Html.ReadAsync(await admin.GetAsync(address, TestContext.Current.CancellationToken));

        Assert.Equal(["This file has been imported, so it cannot be set aside."], refused.Texts(".govuk-error-summary__list li"));
        Assert.Empty(refused.SummaryLinksWithoutTarget());
        Assert.Equal("Imported", after.Section("status").TextContent);
    }

    [Fact]
    public async Task AFileWithProblems_ShowsEachByLineAndColumn_AndCannotBeImported()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var bytes = File(Header, Person("BAD001", "Ann", "Lee", "ann.lee@force.example"), Person("BAD002", "Bo", "Kim", "not-an-email"), Person("BAD001", "Cy", "Day", "cy.day@force.example"));

        var address = await UploadAsync(admin, bytes);
        var page = await WaitAsync(admin, address);
        var refused = await Html.ReadAsync(await admin.SubmitAsync(address, address + "?handler=Apply"));
        var report = await (await admin.GetAsync(address + "?handler=Report", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("2", page.Section("problem-count").TextContent);
        var rows = page.QuerySelectorAll("[data-testid=problems] tbody tr").Select(r => r.Texts("td")).ToList();
        Assert.Equal(["3", "9 (email)"], rows[0].Take(2));
        Assert.Equal(["4", "1 (pay_number)"], rows[1].Take(2));
        Assert.Contains("appears more than once (first on line 2)", rows[1][2], StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Apply']"));
        Assert.Equal(["This file has 2 problems, and nothing is imported until there are none. Correct the file and upload it again."], refused.Texts(".govuk-error-summary__list li"));
        Assert.Empty(refused.SummaryLinksWithoutTarget());
        Assert.Contains("problem,3,9,email,", report, StringComparison.Ordinal);
        Assert.Contains("problem,4,1,pay_number,", report, StringComparison.Ordinal);
        Assert.Empty(StoredFiles(factory));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().People.AnyAsync(p => p.PayNumber.StartsWith("BAD"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ABinaryFile_IsReportedAsNotAReadableExtract()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;

        var page = await WaitAsync(admin, await UploadAsync(admin, [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00, 0x01], name: "extract.xlsx"));

        var problem = Assert.Single(page.QuerySelectorAll("[data-testid=problems] tbody tr"));
        Assert.Equal("1", problem.Texts("td")[0]);
        Assert.Null(page.QuerySelector("form[action*='handler=Apply']"));
    }

    [Fact]
    public async Task TheUploadForm_SaysWhatIsMissingOrTooLarge()
    {
        await using var factory = new PortalFactory { Settings = { ["Imports:MaxUploadMegabytes"] = "1" } };
        var (_, admin) = await AdminAsync(factory);

        var nothing = await Html.ReadAsync(await admin.UploadAsync("/admin/imports", "/admin/imports", null));
        var manifest = await Html.ReadAsync(await admin.UploadAsync("/admin/imports", "/admin/imports", ("Upload", "m.csv", File("pay_number,fields_held")), ("Kind", "Manifest")));
        var large = await Html.ReadAsync(await admin.UploadAsync("/admin/imports", "/admin/imports", ("Upload", "big.csv", new byte[1_300_000]), ("Kind", "Personnel")));
        var empty = await Html.ReadAsync(await admin.UploadAsync("/admin/imports", "/admin/imports", ("Upload", "empty.csv", []), ("Kind", "Personnel")));

        Assert.Equal(["Choose what the file is: the personnel extract, or an incident's held-data manifest.", "Choose the file to upload."], nothing.Texts(".govuk-error-summary__list li"));
        Assert.Equal(["Choose the incident this manifest is for. If it is not listed, record the incident first."], manifest.Texts(".govuk-error-summary__list li"));
        Assert.Equal(["The file is 1.2 MB; the largest the portal takes is 1 MB. Check it is the right file, or split it."], large.Texts(".govuk-error-summary__list li"));
        Assert.Equal(["The file is empty. Choose the CSV file the extract or manifest was saved as."], empty.Texts(".govuk-error-summary__list li"));
    }

    [Fact]
    public async Task AManifest_ListsPayNumbersThatMatchNoOne_AndImportsTheRest()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var person = await factory.Data.CreatePersonAsync();
        var incident = await factory.Data.CreateIncidentAsync();

        var address = await UploadAsync(admin, File("pay_number,fields_held", $"{person.PayNumber},name;photo", "NOBODY1,name"), "Manifest", incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "manifest.csv");
        var page = await WaitAsync(admin, address);
        await admin.SubmitAsync(address, address + "?handler=Apply");
        var done = await WaitAsync(admin, address);

        Assert.Equal(["Line 3: NOBODY1"], page.Texts("[data-testid=unmatched] li"));
        Assert.Equal("Imported", done.Section("status").TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Exposures.AnyAsync(e => e.IncidentId == incident.Id && e.PersonId == person.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheHistory_IsPaged_NewestFirst()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ImportRuns.AddRange(Enumerable.Range(1, 51).Select(i => new ImportRun
            {
                Kind = Portal.Core.Imports.ImportKind.Personnel,
                FileName = $"extract-{i:D2}.csv",
                FileSha256 = new string('a', 64),
                UploadedBySubject = "someone",
                UploadedUtc = DateTime.UtcNow,
                Status = ImportRunStatus.Discarded,
            }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var first = await Html.ReadAsync(await admin.GetAsync("/admin/imports", TestContext.Current.CancellationToken));
        var second = await Html.ReadAsync(await admin.GetAsync("/admin/imports?page=2", TestContext.Current.CancellationToken));

        Assert.Equal(50, first.QuerySelectorAll("[data-testid=history] tbody tr").Length);
        Assert.Equal("extract-51.csv", first.QuerySelector("[data-testid=history] tbody tr a")!.TextContent);
        Assert.Equal(["extract-01.csv"], second.Texts("[data-testid=history] tbody tr a"));
        Assert.NotNull(first.QuerySelector("nav.govuk-pagination a[href='/admin/imports?page=2']"));
    }
}
