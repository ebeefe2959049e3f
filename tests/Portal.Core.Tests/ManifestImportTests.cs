using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;

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
        var history = await db.ExposureChanges.AsNoTracking().Where(c => c.IncidentId == incidentId).OrderBy(c => c.Id)
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
