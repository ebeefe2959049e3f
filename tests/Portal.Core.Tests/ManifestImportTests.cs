using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.People;

namespace Portal.Core.Tests;

public sealed class ManifestImportTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private int incidentId;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await database.PersonnelImporter().ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002"), Csv.Person("100003")));
        incidentId = await database.CreateIncidentAsync();
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private async Task<Dictionary<string, HeldFields>> ExposuresAsync()
    {
        await using var db = database.NewContext();
        return await db.Exposures.Where(e => e.IncidentId == incidentId)
            .Join(db.People, e => e.PersonId, p => p.Id, (e, p) => new { p.PayNumber, e.Fields })
            .ToDictionaryAsync(x => x.PayNumber, x => x.Fields, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Import_RecordsFieldsHeldAndListsUnmatchedPayNumbers()
    {
        var report = await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held",
            "100001,name;rank_or_grade;photo", "100002,NAME; Pay_Number ", "999999,name;photo"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(2, report.Added);
        var unmatched = Assert.Single(report.Unmatched);
        Assert.Equal((4, "999999"), (unmatched.Line, unmatched.PayNumber));
        Assert.Equal(new Dictionary<string, HeldFields>
        {
            ["100001"] = HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo,
            ["100002"] = HeldFields.Name | HeldFields.PayNumber,
        }, await ExposuresAsync());
    }

    [Fact]
    public async Task Import_KeepsTheWholeManifestsCounts_ForTheRegulatorsReport_IncludingPeopleNoLongerInTheRecords()
    {
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held",
            "100001,name;rank_or_grade;photo", "100002,name;pay_number", "999999,name;photo"), cancellationToken: TestContext.Current.CancellationToken);

        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, TestContext.Current.CancellationToken);
        Assert.Equal((3, 1), (incident.ManifestRows, incident.ManifestUnmatched));
        Assert.Equal("name=3;rank_or_grade=1;photo=2;vetting_level=0;pay_number=1;id_card_number=0;unit=0;work_location=0;email=0", incident.ManifestFieldCounts);
    }

    [Fact]
    public async Task Reimport_SameManifest_ChangesNothing()
    {
        var file = Csv.File("pay_number,fields_held", "100001,name;photo", "100002,name");
        await database.ManifestImporter().ImportAsync(incidentId, file, cancellationToken: TestContext.Current.CancellationToken);
        var before = await ExposuresAsync();

        var again = await database.ManifestImporter().ImportAsync(incidentId, file, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0, 0, 2, 0), (again.Added, again.Changed, again.Unchanged, again.Removed));
        Assert.Equal(before, await ExposuresAsync());
    }

    [Fact]
    public async Task Reimport_CorrectedManifest_ReplacesTheIncidentsExposures()
    {
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name;photo", "100002,name"), cancellationToken: TestContext.Current.CancellationToken);

        var report = await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name", "100003,unit"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1, 1), (report.Added, report.Changed, report.Removed));
        Assert.Equal(new Dictionary<string, HeldFields> { ["100001"] = HeldFields.Name, ["100003"] = HeldFields.Unit }, await ExposuresAsync());
    }

    [Fact]
    public async Task Reimport_KeepsEachPersonsHistory_FieldsAddedAndRemoved_ByWhichImport()
    {
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name;photo", "100002,name"), cancellationToken: TestContext.Current.CancellationToken);
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name;email", "100002,name", "100003,unit"), cancellationToken: TestContext.Current.CancellationToken);
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name;email", "100003,unit"), importRunId: null, TestContext.Current.CancellationToken);

        await using var db = database.NewContext();
        var history = await ExposureHistory.Lines(db).Where(c => c.IncidentId == incidentId)
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { p.PayNumber, c.Added, c.Removed }).ToListAsync(TestContext.Current.CancellationToken);

        (string, HeldFields, HeldFields)[] expected =
        [
            ("100001", HeldFields.Name | HeldFields.Photo, HeldFields.None), ("100002", HeldFields.Name, HeldFields.None),
            ("100001", HeldFields.Email, HeldFields.Photo), ("100003", HeldFields.Unit, HeldFields.None),
            ("100002", HeldFields.None, HeldFields.Name),
        ];
        Assert.Equal(expected.Order(), history.Select(h => (h.PayNumber, h.Added, h.Removed)).Order());
    }

    [Fact]
    public async Task APersonRemovedAndListedAgain_KeepsEachListingAndTheRemoval_InOrder_AndIsInEachImportsAudience()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var runs = Enumerable.Range(0, 3).Select(_ => new ImportRun { Kind = ImportKind.Manifest, IncidentId = incidentId, FileName = "manifest.csv", UploadedBySubject = "admin" }).ToList();
        db.ImportRuns.AddRange(runs);
        await db.SaveChangesAsync(cancellationToken);
        await database.ManifestImporter(clock).ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name;photo", "100002,name"), runs[0].Id, cancellationToken);
        clock.Now += TimeSpan.FromDays(1);
        await database.ManifestImporter(clock).ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100002,name"), runs[1].Id, cancellationToken);
        clock.Now += TimeSpan.FromDays(1);
        await database.ManifestImporter(clock).ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,unit", "100002,name"), runs[2].Id, cancellationToken);

        var history = await ExposureHistory.Lines(db).Join(db.People.Where(p => p.PayNumber == "100001"), c => c.PersonId, p => p.Id, (c, _) => c)
            .OrderBy(c => c.ChangedUtc).ToListAsync(cancellationToken);
        Assert.Equal(
            [(runs[0].Id, 2, HeldFields.Name | HeldFields.Photo, HeldFields.None), (runs[1].Id, 3, HeldFields.None, HeldFields.Name | HeldFields.Photo), (runs[2].Id, 4, HeldFields.Unit, HeldFields.None)],
            history.Select(c => (c.ImportRunId!.Value, c.ChangedUtc.Day, c.Added, c.Removed)));
        Assert.Equal(HeldFields.Unit, (await ExposuresAsync())["100001"]);

        // "People whose exposure an import changed", for each import: whether the line is a change or a listing a row keeps.
        foreach (var (run, expected) in new[] { (runs[0].Id, new[] { "100001", "100002" }), (runs[1].Id, ["100001"]), (runs[2].Id, ["100001"]) })
        {
            var campaign = new NoticeCampaign { Subject = "What changed", BodyTemplate = "Please sign in.", CreatedUtc = DateTime.UtcNow, Audience = AudienceKind.ExposureChanged, AudienceImportRunId = run };
            db.NoticeCampaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            await new Notices.CampaignAudience(database.NewContext()).WriteDeliveriesAsync(campaign, cancellationToken);
            Assert.Equal(expected, await db.Deliveries.Where(d => d.CampaignId == campaign.Id).Join(db.People, d => d.PersonId, p => p.Id, (_, p) => p.PayNumber).OrderBy(x => x).ToListAsync(cancellationToken));
        }
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Import_UnknownFieldOrNoFields_IsAnErrorInColumnTwoAndWritesNothing()
    {
        var report = await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held",
            "100001,name;photo", "100002,name;shoe_size", "100003,"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(report.Applied);
        Assert.Equal([(3, 2), (4, 2)], report.Problems.Select(p => (p.Line, p.Column)));
        Assert.Contains("\"shoe_size\" is not a data field", report.Problems[0].Message);
        Assert.Contains("No fields are listed", report.Problems[1].Message);
        Assert.Empty(await ExposuresAsync());
    }
}
