using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Testing;

namespace Portal.Core.Tests;

public sealed class PersonnelImportTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private async Task<ImportReport> ImportAsync(Stream file) => await database.PersonnelImporter().ImportAsync(file, TestContext.Current.CancellationToken);

    private async Task<int> PeopleCountAsync()
    {
        await using var db = database.NewContext();
        return await db.People.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Import_CleanFile_AddsEveryPersonWithTheirValues()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", vetting: "SC", role: "covert"),
            Csv.Person("100002", type: "STAFF", rank: "Band D", vetting: "nppv3", role: "Counter-Terrorism", status: "Leaver")));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(2, report.Added);
        await using var db = database.NewContext();
        var staff = await db.People.SingleAsync(p => p.PayNumber == "100002", TestContext.Current.CancellationToken);
        Assert.Equal((PersonnelType.Staff, VettingLevel.NPPV3, SensitiveRole.CounterTerrorism, PersonStatus.Leaver),
            (staff.PersonnelType, staff.VettingLevel, staff.SensitiveRole, staff.Status));
    }

    [Fact]
    public async Task Import_NamesFromManyLanguages_RoundTripExactly()
    {
        string[][] names = [["Siobhán", "O'Brien"], ["Pádraig", "Ó Súilleabháin"], ["Thảo", "Nguyễn"], ["Jo", "Smith-Jones"], ["Ana", "de la Cruz"], ["Łukasz", "Wiśniewski"], ["Dara", "O’Neill"]];
        var lines = names.Select((n, i) => Csv.Person($"2000{i}", given: n[0], family: n[1])).Prepend(Csv.PersonnelHeader).ToArray();

        var report = await ImportAsync(Csv.File(lines));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        await using var db = database.NewContext();
        var stored = await db.People.OrderBy(p => p.PayNumber).Select(p => new[] { p.GivenName, p.FamilyName }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(names, stored);
    }

    [Fact]
    public async Task Import_TextWithBackslashes_IsStoredAsWritten()
    {
        // PostgreSQL's COPY reads a backslash as the start of an escape (\N is null, \t a tab): the import writes what
        // the file says, whatever the database.
        string[] units = [@"Ops\Central", @"\N", @"C:\teams\new\records", @"Ends with \"];
        var lines = units.Select((u, i) => Csv.Person($"3000{i}", unit: u)).Prepend(Csv.PersonnelHeader).ToArray();

        var report = await ImportAsync(Csv.File(lines));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        await using var db = database.NewContext();
        Assert.Equal(units, await db.People.OrderBy(p => p.PayNumber).Select(p => p.Unit).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reimport_SameFile_ChangesNothing()
    {
        var file = Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002"), Csv.Person("100003", status: "leaver"));
        await ImportAsync(file);
        await using var before = database.NewContext();
        var snapshot = await before.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.PayNumber, p.UpdatedUtc, p.Status }).ToListAsync(TestContext.Current.CancellationToken);

        var again = await ImportAsync(file);

        Assert.True(again.Applied);
        Assert.Equal((0, 0, 3, 0), (again.Added, again.Changed, again.Unchanged, again.NewLeavers));
        await using var after = database.NewContext();
        var now = await after.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.PayNumber, p.UpdatedUtc, p.Status }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(snapshot, now);
    }

    [Fact]
    public async Task Reimport_WithOneChangeAndOneLeaver_UpdatesOnlyThoseAndKeepsPeopleMissingFromTheFile()
    {
        await ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002"), Csv.Person("100003")));

        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001", rank: "Sergeant"), Csv.Person("100002", status: "leaver")));

        Assert.Equal((0, 2, 0, 1), (report.Added, report.Changed, report.Unchanged, report.NewLeavers));
        await using var db = database.NewContext();
        var people = await db.People.OrderBy(p => p.PayNumber).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Sergeant", "Constable", "Constable"], people.Select(p => p.RankOrGrade));
        Assert.Equal([PersonStatus.Active, PersonStatus.Leaver, PersonStatus.Active], people.Select(p => p.Status));
    }

    [Fact]
    public async Task Import_OneBadRowAmong47000_WritesNothingAndSaysWhere()
    {
        var lines = new List<string>(47_001) { Csv.PersonnelHeader };
        for (var i = 0; i < 47_000; i++)
        {
            lines.Add(Csv.Person((300_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), vetting: i == 31_337 ? "TOPSECRET" : "NPPV2"));
        }

        var report = await ImportAsync(Csv.File([.. lines]));

        Assert.False(report.Applied);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((31_339, 8, "vetting_level"), (problem.Line, problem.Column, problem.ColumnName));
        Assert.Contains("\"TOPSECRET\" is not a vetting level", problem.Message);
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Import_EveryBadValueInARow_IsReportedWithItsColumn()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001"),
            "1000-2,Al3x,,sergeant-major,,Unit,Place,NPPV9,not-an-email,spy,retired"));

        Assert.False(report.Applied);
        Assert.All(report.Problems, p => Assert.Equal(3, p.Line));
        Assert.Equal(
            ["pay_number", "given_name", "family_name", "personnel_type", "rank_or_grade", "vetting_level", "email", "sensitive_role", "status"],
            report.Problems.Select(p => p.ColumnName));
        Assert.Equal([1, 2, 3, 4, 5, 8, 9, 10, 11], report.Problems.Select(p => p.Column));
        Assert.Contains("Use one of: officer, staff, volunteer, contractor", report.Problems[3].Message);
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Import_TextThatReversesItsOwnDirection_IsReportedWhereItIs()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            "100001,Ann,Lee,officer,Constable,\u202EtinU laicepS,Northgate,NPPV2,ann.lee@force.example,none,active"));

        var problem = Assert.Single(report.Problems);
        Assert.Equal((2, 6, "unit"), (problem.Line, problem.Column, problem.ColumnName));
        Assert.StartsWith("The unit has an invisible character that reverses the direction of text (U+202E) at character 1.", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Import_DuplicatePayNumber_PointsToTheFirstLine()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002"), Csv.Person("100001", email: "other@force.example")));

        var problem = Assert.Single(report.Problems);
        Assert.Equal((4, 1), (problem.Line, problem.Column));
        Assert.Contains("first on line 2", problem.Message);
    }

    [Fact]
    public async Task Import_DuplicatesFarApartAndAmongOtherProblems_AreReportedInLineOrderEachPointingToItsFirstLine()
    {
        // Far enough apart to fall in different batches where rows are sent in batches (PostgreSQL), with a problem of
        // another kind on the line after each duplicate.
        var lines = new List<string> { Csv.PersonnelHeader };
        for (var i = 0; i < 12_000; i++)
        {
            lines.Add(Csv.Person((300_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        lines.Insert(7_001, Csv.Person("300005", email: "again@force.example"));    // line 7,002
        lines.Insert(7_002, Csv.Person("400001", vetting: "NPPV9"));                // line 7,003
        lines.Insert(11_001, Csv.Person("400002", email: "person300010@force.example")); // line 11,002: the e-mail of line 12

        var report = await ImportAsync(Csv.File([.. lines]));

        Assert.False(report.Applied);
        Assert.Equal([(7_002, "pay_number"), (7_003, "vetting_level"), (11_002, "email")], report.Problems.Select(p => (p.Line, p.ColumnName)));
        Assert.Contains("first on line 7", report.Problems[0].Message);
        Assert.Contains("also used on line 12", report.Problems[2].Message);
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Import_RowLeftOutForOneDuplicate_DoesNotMakeALaterRowADuplicateOfIt()
    {
        // Line 3 is left out (its e-mail is line 2's), so line 4's pay number, first given on line 3, is not a duplicate.
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", email: "a@force.example"), Csv.Person("100002", email: "a@force.example"), Csv.Person("100002", email: "b@force.example")));

        var problem = Assert.Single(report.Problems);
        Assert.Equal((3, "email"), (problem.Line, problem.ColumnName));
    }

    [Fact]
    public async Task Import_SameEmailTwiceInAnyCase_PointsToTheFirstLineAndWritesNothing()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", email: "alex.smith@force.example"), Csv.Person("100002"), Csv.Person("100003", email: "Alex.Smith@Force.Example")));

        Assert.False(report.Applied);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((4, 9, "email"), (problem.Line, problem.Column, problem.ColumnName));
        Assert.Contains("also used on line 2", problem.Message);
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Import_OnTheSameConnectionAgain_WorksAndLeavesNoStagedCopyOfTheFile()
    {
        await using var db = database.NewContext();
        var importer = new PersonnelImporter(db, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        var refused = await importer.ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100001")), ct);
        var checkedFirst = await importer.CheckAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002")), ct);
        var imported = await importer.ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002")), ct);

        Assert.Equal((false, true, true), (refused.Applied, checkedFirst.IsClean, imported.Applied));
        Assert.Equal((2, 2), (checkedFirst.Added, imported.Added));
        Assert.Equal(2, await PeopleCountAsync());

        // The staged rows are people's details: none may stay behind on a pooled connection.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = TestProvider.CountTemporaryTablesSql;
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Check_WhileAnotherConnectionHoldsTheWriteLock_DoesNotWaitForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await ImportAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001")));
        await using var writer = database.NewContext();
        await using var transaction = await writer.Database.BeginTransactionAsync(ct);
        await writer.Database.ExecuteSqlRawAsync("UPDATE people SET unit = 'Not yet committed' WHERE pay_number = '100001'", ct);

        // A check that needed the write lock (SQLite) or that row (PostgreSQL) would wait here: on SQLite for the 30 s
        // busy timeout, and then fail.
        var check = Task.Run(() => database.PersonnelImporter().CheckAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001"), Csv.Person("100002")), ct), ct);
        Assert.Same(check, await Task.WhenAny(check, Task.Delay(TimeSpan.FromSeconds(10), ct)));

        var report = await check;
        Assert.Equal((1, 1, 0), (report.Added, report.Unchanged, report.Changed));
        await transaction.CommitAsync(ct);
    }

    [Fact]
    public async Task Import_ValueWithLineBreakInQuotes_KeepsLaterLineNumbersRight()
    {
        var report = await ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", unit: "Emergency\nResponse"),
            Csv.Person("100002", vetting: "XX")));

        Assert.Equal(2, report.Problems.Count);
        Assert.Equal((2, 6), (report.Problems[0].Line, report.Problems[0].Column));
        Assert.Contains("control character", report.Problems[0].Message);
        Assert.Equal((4, 8), (report.Problems[1].Line, report.Problems[1].Column));
    }

    [Fact]
    public async Task Import_HeaderInAnyOrderAndCaseWithBom_IsAccepted()
    {
        var bom = Encoding.UTF8.GetPreamble();
        var text = Encoding.UTF8.GetBytes("STATUS,Pay_Number,given_name,family_name,personnel_type,rank_or_grade,unit,work_location,vetting_level,email,sensitive_role\r\n" +
            "active,100001,Alex,Smith,officer,Constable,Response,Northgate,NPPV2,alex@force.example,none\r\n");

        var report = await ImportAsync(Csv.Bytes([.. bom, .. text]));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(1, await PeopleCountAsync());
    }

    public static TheoryData<string, byte[], int, int, string> BadFiles => new()
    {
        { "empty", [], 1, 1, "The file is empty" },
        { "header only", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n"), 2, 1, "header row but no people" },
        { "semicolons", Encoding.UTF8.GetBytes(Csv.PersonnelHeader.Replace(',', ';') + "\r\n1;2\r\n"), 1, 1, "separated by semicolons, not commas" },
        { "tabs", Encoding.UTF8.GetBytes(Csv.PersonnelHeader.Replace(',', '\t') + "\r\n"), 1, 1, "separated by tabs" },
        { "missing column", Encoding.UTF8.GetBytes(Csv.PersonnelHeader.Replace(",status", "") + "\r\n"), 1, 11, "The column \"status\" is missing" },
        { "unknown column", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + ",shoe_size\r\n"), 1, 12, "\"shoe_size\" is not one this import uses" },
        { "duplicate column", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + ",unit\r\n"), 1, 12, "appears twice" },
        { "binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00], 1, 1, "binary file" },
        { "spreadsheet", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], 1, 1, "spreadsheet workbook" },
        { "utf-16", [0xFF, 0xFE, 0x70, 0x00, 0x61, 0x00], 1, 1, "UTF-16" },
        { "invalid utf-8", [.. Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n" + Csv.Person("100001") + "\r\n100002,Jos"), 0xE9, .. Encoding.UTF8.GetBytes(",Smith\r\n")], 3, 2, "not valid UTF-8 text: character 4 of the value" },
        { "invalid utf-8 in a quoted value", [.. Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\n100002,\"Jo, Ann\",\"Sm"), 0xE9, .. Encoding.UTF8.GetBytes("th\"\n")], 2, 3, "character 3 of the value" },
        { "a NUL past the first 4 KB", [.. Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\n" + string.Concat(Enumerable.Range(100001, 60).Select(p => Csv.Person(p.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\n")) + "100070,Al"), 0, .. Encoding.UTF8.GetBytes("ex,Smith\n")], 62, 2, "NUL character (character 3 of the value)" },
        { "too few values", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n100001,Alex,Smith\r\n"), 2, 4, "has 3 values but the header has 11" },
        { "stray quote", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n" + Csv.Person("100001").Replace("Smith", "Sm\"ith") + "\r\n"), 2, 3, "quote mark appears inside a value" },
        { "text after a closing quote", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\n" + Csv.Person("100001") + "\n" + Csv.Person("100002").Replace("Smith", "\"Smith\"son")), 3, 3, "quote mark appears inside a value" },
        { "quote never closed", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n100001,\"Alex"), 2, 2, "opens this value and is never closed" },
        { "quote never closed, file ending in a line break", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\n" + Csv.Person("100001") + "\n\n100002,Alex,\"Smith\n"), 4, 3, "never closed" },
        { "quote never closed, in a value of many lines", Encoding.UTF8.GetBytes(Csv.PersonnelHeader + "\r\n" + Csv.Person("100001") + "\r\n100002,Alex,Smith,officer,\"Con\r\nstable\r\n,Response\r\n"), 3, 5, "never closed" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_MalformedFile_SaysWhatAndWhereAndWritesNothing(string name, byte[] bytes, int line, int column, string message)
    {
        var report = await ImportAsync(Csv.Bytes(bytes));

        Assert.False(report.Applied, name);
        Assert.Contains(report.Problems, p => p.Line == line && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await PeopleCountAsync());
    }

    [Fact]
    public async Task Check_CleanFile_CountsChangesButWritesNothing()
    {
        var report = await database.PersonnelImporter().CheckAsync(Csv.File(Csv.PersonnelHeader, Csv.Person("100001")), TestContext.Current.CancellationToken);

        Assert.True(report.IsClean);
        Assert.False(report.Applied);
        Assert.Equal(1, report.Added);
        Assert.Equal(0, await PeopleCountAsync());
    }
}
