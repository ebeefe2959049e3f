using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>
/// Imports the HR personnel extract. The file is read once: every row is checked, and each valid one goes into a
/// staging table whose unique keys find a pay number or e-mail given twice. What importing would change is then
/// counted, and written, by set-based SQL against the people table — only for a clean file, in one transaction —
/// so no row is held in memory however long the file. Re-importing the same file changes nothing; people missing
/// from a file are left as they are (leavers stay on record).
/// </summary>
public sealed class PersonnelImporter(PortalDbContext db, TimeProvider clock)
{
    private const string Staging = "import_people";

    /// <summary>The values compared with what is held to tell a changed person from an unchanged one, each with its stored form.</summary>
    private static readonly (string Property, Func<PersonnelRecord, string> Stored)[] ComparedValues =
    [
        (nameof(Person.GivenName), r => r.GivenName),
        (nameof(Person.FamilyName), r => r.FamilyName),
        (nameof(Person.PersonnelType), r => r.PersonnelType.ToString()),
        (nameof(Person.RankOrGrade), r => r.RankOrGrade),
        (nameof(Person.Unit), r => r.Unit),
        (nameof(Person.WorkLocation), r => r.WorkLocation),
        (nameof(Person.VettingLevel), r => r.VettingLevel.ToString()),
        (nameof(Person.Email), r => r.Email),
        (nameof(Person.SensitiveRole), r => r.SensitiveRole.ToString()),
        (nameof(Person.Status), r => r.Status.ToString()),
    ];

    private static readonly string[] Compared = [.. ComparedValues.Select(c => c.Property)];

    /// <summary>Everything the file sets: the compared values and the e-mail's matching key.</summary>
    private static readonly string[] Written = [.. Compared, nameof(Person.EmailNormalised)];

    public static IReadOnlyList<string> Columns => PersonnelRow.Columns;

    /// <summary>Checks the file and reports what importing it would change, writing nothing.</summary>
    public Task<ImportReport> CheckAsync(Stream file, CancellationToken cancellationToken = default) =>
        RunAsync(file, apply: false, cancellationToken);

    /// <summary>Checks the file and, if it has no problems, applies it in one transaction.</summary>
    public Task<ImportReport> ImportAsync(Stream file, CancellationToken cancellationToken = default) =>
        RunAsync(file, apply: true, cancellationToken);

    private async Task<ImportReport> RunAsync(Stream file, bool apply, CancellationToken cancellationToken)
    {
        var report = new ImportReport(ImportKind.Personnel) { FileSha256 = CsvImportFile.Sha256Of(file) };
        using var csv = CsvImportFile.Open(file, PersonnelRow.Columns, report);
        if (csv is null)
        {
            return report;
        }

        var t = TableMap.For<Person>(db);
        await using var staging = await StagingTable.CreateAsync(db, Staging,
            [
                (t[nameof(Person.PayNumber)], "TEXT NOT NULL UNIQUE"),
                (t[nameof(Person.EmailNormalised)], "TEXT NOT NULL UNIQUE"),
                .. Compared.Select(p => (t[p], "TEXT NOT NULL")),
            ],
            (staging, line, values) => Duplicated(csv, staging, t, line, values),
            cancellationToken);
        Load(csv, staging, t, report);
        await staging.LoadedAsync(cancellationToken);

        if (report.Rows == 0 && report.IsClean)
        {
            report.AddProblem(2, 1, "", "The file has a header row but no people in it. Export the personnel extract again with its rows.");
        }

        await staging.CountThenWriteAsync(report, apply, () => CountAsync(t, report, cancellationToken), () => WriteAsync(t, cancellationToken), cancellationToken);
        return report;
    }

    private static void Load(CsvImportFile csv, StagingTable staging, TableMap t, ImportReport report)
    {
        var payNumber = staging.Values[t[nameof(Person.PayNumber)]];
        var emailKey = staging.Values[t[nameof(Person.EmailNormalised)]];
        var values = ComparedValues.Select(c => (Parameter: staging.Values[t[c.Property]], c.Stored)).ToArray();
        while (csv.Read())
        {
            report.Rows++;
            if (!csv.CheckShape() || PersonnelRow.Parse(csv) is not { } row)
            {
                continue;
            }

            payNumber.Value = row.PayNumber;
            emailKey.Value = row.EmailKey;
            foreach (var (parameter, stored) in values)
            {
                parameter.Value = stored(row);
            }

            staging.Add(csv.Line);
        }
    }

    /// <summary>A row left out of the staging table because an earlier one has its pay number or e-mail address.</summary>
    private static void Duplicated(CsvImportFile csv, StagingTable staging, TableMap t, int line, IReadOnlyDictionary<string, object?> values)
    {
        var (payNumberColumn, emailKeyColumn) = (t[nameof(Person.PayNumber)], t[nameof(Person.EmailNormalised)]);
        var payNumber = values[payNumberColumn]!;
        if (staging.LineOf(payNumberColumn, payNumber, line) is { } first)
        {
            csv.ProblemAt(line, PersonnelRow.PayNumber_, $"Pay number {payNumber} appears more than once (first on line {first}). Each person must appear once.");
        }
        else
        {
            csv.ProblemAt(line, PersonnelRow.Email_, $"This e-mail address is also used on line {staging.LineOf(emailKeyColumn, values[emailKeyColumn]!, line)}. Each person needs their own work e-mail address.");
        }
    }

    /// <summary>True where a person's held values differ from the staged row <c>s</c>.</summary>
    private static string Differs(TableMap t, string held) => string.Join(" OR ", Compared.Select(p => $"{held}.{t[p]} <> s.{t[p]}"));

    private async Task CountAsync(TableMap t, ImportReport report, CancellationToken cancellationToken)
    {
        await using var count = db.CreateCommand(
            $"SELECT COUNT(*), " +
            $"COALESCE(SUM(CASE WHEN p.{t[nameof(Person.Id)]} IS NULL THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN p.{t[nameof(Person.Id)]} IS NOT NULL AND ({Differs(t, "p")}) THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN p.{t[nameof(Person.Status)]} = @active AND s.{t[nameof(Person.Status)]} = @leaver THEN 1 ELSE 0 END), 0) " +
            $"FROM {Staging} s LEFT JOIN {t.Name} p ON p.{t[nameof(Person.PayNumber)]} = s.{t[nameof(Person.PayNumber)]}");
        count.AddParameter("@active").Value = nameof(PersonStatus.Active);
        count.AddParameter("@leaver").Value = nameof(PersonStatus.Leaver);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var staged = checked((int)reader.GetInt64(0));
        report.Added = checked((int)reader.GetInt64(1));
        report.Changed = checked((int)reader.GetInt64(2));
        report.NewLeavers = checked((int)reader.GetInt64(3));
        report.Unchanged = staged - report.Added - report.Changed;
    }

    private async Task WriteAsync(TableMap t, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var update = db.CreateCommand(
            $"UPDATE {t.Name} SET {string.Join(", ", Written.Select(p => $"{t[p]} = s.{t[p]}"))}, {t[nameof(Person.UpdatedUtc)]} = @now " +
            $"FROM {Staging} s WHERE {t.Name}.{t[nameof(Person.PayNumber)]} = s.{t[nameof(Person.PayNumber)]} AND ({Differs(t, t.Name)})");
        update.AddParameter("@now").Value = now;
        await update.ExecuteNonQueryAsync(cancellationToken);
        await Support.SupportRequests.FollowRequestersRolesAsync(db, cancellationToken);

        string[] inserted = [nameof(Person.PayNumber), .. Written];
        await using var insert = db.CreateCommand(
            $"INSERT INTO {t.Name} ({string.Join(", ", inserted.Select(p => t[p]))}, {t[nameof(Person.CreatedUtc)]}, {t[nameof(Person.UpdatedUtc)]}) " +
            $"SELECT {string.Join(", ", inserted.Select(p => "s." + t[p]))}, @now, @now FROM {Staging} s " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {t.Name} p WHERE p.{t[nameof(Person.PayNumber)]} = s.{t[nameof(Person.PayNumber)]}) ORDER BY s.line");
        insert.AddParameter("@now").Value = now;
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
