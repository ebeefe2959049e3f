using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>
/// Imports the HR personnel extract. The file is read twice: once to check every row (and count what would
/// change), then, only if it is clean, once more to write the changes in a single transaction. Re-importing
/// the same file changes nothing; people missing from a file are left as they are (leavers stay on record).
/// </summary>
public sealed class PersonnelImporter(PortalDbContext db, TimeProvider clock)
{
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
        var existing = await LoadExistingAsync(cancellationToken);

        using (var csv = CsvImportFile.Open(file, PersonnelRow.Columns, report))
        {
            if (csv is null)
            {
                return report;
            }

            Check(csv, existing, report);
        }

        if (!report.IsClean || !apply)
        {
            return report;
        }

        if (report.HasChanges)
        {
            await WriteAsync(file, existing, report, cancellationToken);
        }

        report.Applied = true;
        return report;
    }

    private static void Check(CsvImportFile csv, Dictionary<string, Existing> existing, ImportReport report)
    {
        var payNumberLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var emailLines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (csv.Read())
        {
            report.Rows++;
            if (!csv.CheckShape() || PersonnelRow.Parse(csv) is not { } row)
            {
                continue;
            }

            if (!payNumberLines.TryAdd(row.PayNumber, csv.Line))
            {
                csv.Problem(PersonnelRow.PayNumber_, $"Pay number {row.PayNumber} appears more than once (first on line {payNumberLines[row.PayNumber]}). Each person must appear once.");
                continue;
            }

            if (!emailLines.TryAdd(row.Email, csv.Line))
            {
                csv.Problem(PersonnelRow.Email_, $"This e-mail address is also used on line {emailLines[row.Email]}. Each person needs their own work e-mail address.");
                continue;
            }

            Classify(row, existing, report);
        }

        if (report.Rows == 0 && report.IsClean)
        {
            report.AddProblem(2, 1, "", "The file has a header row but no people in it. Export the personnel extract again with its rows.");
        }
    }

    private static void Classify(PersonnelRecord row, Dictionary<string, Existing> existing, ImportReport report)
    {
        if (!existing.TryGetValue(row.PayNumber, out var before))
        {
            report.Added++;
        }
        else if (before.Digest == row.Digest())
        {
            report.Unchanged++;
        }
        else
        {
            report.Changed++;
            if (before.Status == PersonStatus.Active && row.Status == PersonStatus.Leaver)
            {
                report.NewLeavers++;
            }
        }
    }

    private async Task<Dictionary<string, Existing>> LoadExistingAsync(CancellationToken cancellationToken)
    {
        var t = TableMap.For<Person>(db);
        var existing = new Dictionary<string, Existing>(StringComparer.Ordinal);
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand(
            $"SELECT {t[nameof(Person.Id)]}, {t[nameof(Person.PayNumber)]}, {t[nameof(Person.GivenName)]}, {t[nameof(Person.FamilyName)]}, " +
            $"{t[nameof(Person.PersonnelType)]}, {t[nameof(Person.RankOrGrade)]}, {t[nameof(Person.Unit)]}, {t[nameof(Person.WorkLocation)]}, " +
            $"{t[nameof(Person.VettingLevel)]}, {t[nameof(Person.Email)]}, {t[nameof(Person.SensitiveRole)]}, {t[nameof(Person.Status)]} FROM {t.Name}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var payNumber = reader.GetString(1);
            var status = Enum.Parse<PersonStatus>(reader.GetString(11));
            var digest = PersonnelRow.Digest(payNumber, reader.GetString(2), reader.GetString(3), Enum.Parse<PersonnelType>(reader.GetString(4)),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), Enum.Parse<VettingLevel>(reader.GetString(8)), reader.GetString(9),
                Enum.Parse<SensitiveRole>(reader.GetString(10)), status);
            existing[payNumber] = new Existing(reader.GetInt32(0), digest, status);
        }

        return existing;
    }

    private async Task WriteAsync(Stream file, Dictionary<string, Existing> existing, ImportReport report, CancellationToken cancellationToken)
    {
        var t = TableMap.For<Person>(db);
        var now = clock.GetUtcNow().UtcDateTime;
        string[] properties =
        [
            nameof(Person.GivenName), nameof(Person.FamilyName), nameof(Person.PersonnelType), nameof(Person.RankOrGrade), nameof(Person.Unit),
            nameof(Person.WorkLocation), nameof(Person.VettingLevel), nameof(Person.Email), nameof(Person.EmailNormalised),
            nameof(Person.SensitiveRole), nameof(Person.Status), nameof(Person.UpdatedUtc),
        ];

        await db.OpenIfClosedAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var insertColumns = properties.Append(nameof(Person.PayNumber)).Append(nameof(Person.CreatedUtc)).ToArray();
        await using var insert = db.CreateCommand(
            $"INSERT INTO {t.Name} ({string.Join(", ", insertColumns.Select(p => t[p]))}) VALUES ({string.Join(", ", insertColumns.Select(p => "@" + p))})");
        var insertParameters = insertColumns.ToDictionary(p => p, p => insert.AddParameter("@" + p));

        await using var update = db.CreateCommand(
            $"UPDATE {t.Name} SET {string.Join(", ", properties.Select(p => $"{t[p]} = @{p}"))} WHERE {t[nameof(Person.Id)]} = @Id");
        var updateParameters = properties.ToDictionary(p => p, p => update.AddParameter("@" + p));
        var updateId = update.AddParameter("@Id");
        insert.Prepare();
        update.Prepare();

        using (var csv = CsvImportFile.Open(file, PersonnelRow.Columns, new ImportReport(ImportKind.Personnel))!)
        {
            while (csv.Read())
            {
                var row = PersonnelRow.Parse(csv)!;
                if (!existing.TryGetValue(row.PayNumber, out var before))
                {
                    Bind(insertParameters, row, now);
                    insertParameters[nameof(Person.PayNumber)].Value = row.PayNumber;
                    insertParameters[nameof(Person.CreatedUtc)].Value = now;
                    insert.ExecuteNonQuery();
                }
                else if (before.Digest != row.Digest())
                {
                    Bind(updateParameters, row, now);
                    updateId.Value = before.Id;
                    update.ExecuteNonQuery();
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void Bind(Dictionary<string, DbParameter> parameters, PersonnelRecord row, DateTime now)
    {
        parameters[nameof(Person.GivenName)].Value = row.GivenName;
        parameters[nameof(Person.FamilyName)].Value = row.FamilyName;
        parameters[nameof(Person.PersonnelType)].Value = row.PersonnelType.ToString();
        parameters[nameof(Person.RankOrGrade)].Value = row.RankOrGrade;
        parameters[nameof(Person.Unit)].Value = row.Unit;
        parameters[nameof(Person.WorkLocation)].Value = row.WorkLocation;
        parameters[nameof(Person.VettingLevel)].Value = row.VettingLevel.ToString();
        parameters[nameof(Person.Email)].Value = row.Email;
        parameters[nameof(Person.EmailNormalised)].Value = row.Email.ToLowerInvariant();
        parameters[nameof(Person.SensitiveRole)].Value = row.SensitiveRole.ToString();
        parameters[nameof(Person.Status)].Value = row.Status.ToString();
        parameters[nameof(Person.UpdatedUtc)].Value = now;
    }

    private sealed record Existing(int Id, UInt128 Digest, PersonStatus Status);
}
