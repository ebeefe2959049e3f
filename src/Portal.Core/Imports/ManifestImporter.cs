using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>
/// Imports a supplier's held-data manifest for one incident: which fields it held for each pay number.
/// The manifest is the whole truth for its incident, so a person it no longer lists loses their exposure
/// row. Pay numbers that match no person are listed as unmatched, not treated as errors.
/// </summary>
public sealed class ManifestImporter(PortalDbContext db, TimeProvider clock)
{
    private const int PayNumberColumn = 0, FieldsHeldColumn = 1;

    public static IReadOnlyList<string> Columns { get; } = ["pay_number", "fields_held"];

    public Task<ImportReport> CheckAsync(int incidentId, Stream file, CancellationToken cancellationToken = default) =>
        RunAsync(incidentId, file, apply: false, cancellationToken);

    public Task<ImportReport> ImportAsync(int incidentId, Stream file, CancellationToken cancellationToken = default) =>
        RunAsync(incidentId, file, apply: true, cancellationToken);

    private async Task<ImportReport> RunAsync(int incidentId, Stream file, bool apply, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            throw new ArgumentException($"There is no incident with id {incidentId}.", nameof(incidentId));
        }

        var report = new ImportReport(ImportKind.Manifest) { FileSha256 = CsvImportFile.Sha256Of(file) };
        var people = await db.People.AsNoTracking().Select(p => new { p.PayNumber, p.Id }).ToDictionaryAsync(p => p.PayNumber, p => p.Id, StringComparer.Ordinal, cancellationToken);
        var existing = await db.Exposures.AsNoTracking().Where(e => e.IncidentId == incidentId)
            .Select(e => new { e.PersonId, e.Id, e.Fields })
            .ToDictionaryAsync(e => e.PersonId, e => (e.Id, e.Fields), cancellationToken);

        var listed = new HashSet<int>();
        using (var csv = CsvImportFile.Open(file, [.. Columns], report))
        {
            if (csv is null)
            {
                return report;
            }

            var payNumberLines = new Dictionary<string, int>(StringComparer.Ordinal);
            while (csv.Read())
            {
                report.Rows++;
                if (!csv.CheckShape() || Parse(csv) is not { } row)
                {
                    continue;
                }

                if (!payNumberLines.TryAdd(row.PayNumber, csv.Line))
                {
                    csv.Problem(PayNumberColumn, $"Pay number {row.PayNumber} appears more than once (first on line {payNumberLines[row.PayNumber]}). List each person once with all the fields held.");
                    continue;
                }

                if (!people.TryGetValue(row.PayNumber, out var personId))
                {
                    report.AddUnmatched(csv.Line, row.PayNumber);
                    continue;
                }

                listed.Add(personId);
                if (!existing.TryGetValue(personId, out var before))
                {
                    report.Added++;
                }
                else if (before.Fields == row.Fields)
                {
                    report.Unchanged++;
                }
                else
                {
                    report.Changed++;
                }
            }

            if (report.Rows == 0 && report.IsClean)
            {
                report.AddProblem(2, 1, "", "The file has a header row but no rows. Check that this is the whole manifest from the supplier.");
            }
        }

        report.Removed = existing.Keys.Count(personId => !listed.Contains(personId));
        if (!report.IsClean || !apply)
        {
            return report;
        }

        if (report.HasChanges)
        {
            await WriteAsync(incidentId, file, people, existing, listed, cancellationToken);
        }

        report.Applied = true;
        return report;
    }

    private static ManifestRow? Parse(CsvImportFile csv)
    {
        var payNumber = PersonnelRow.NormalisePayNumber(csv.Get(PayNumberColumn));
        var ok = PersonnelRow.CheckPayNumber(csv, PayNumberColumn, payNumber);

        var fields = HeldFields.None;
        var text = csv.Get(FieldsHeldColumn);
        if (text.Length == 0)
        {
            csv.Problem(FieldsHeldColumn, $"No fields are listed. List the fields held, separated by semicolons ({DataFieldCatalogue.KeyList}), or remove the row.");
            return null;
        }

        foreach (var key in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (DataFieldCatalogue.TryGetByKey(key, out var field))
            {
                fields |= field.Flag;
            }
            else
            {
                csv.Problem(FieldsHeldColumn, $"\"{PersonnelRow.Shorten(key)}\" is not a data field. Use these keys, separated by semicolons: {DataFieldCatalogue.KeyList}.");
                ok = false;
            }
        }

        return ok ? new ManifestRow(payNumber, fields) : null;
    }

    private async Task WriteAsync(int incidentId, Stream file, Dictionary<string, int> people, Dictionary<int, (int Id, HeldFields Fields)> existing,
        HashSet<int> listed, CancellationToken cancellationToken)
    {
        var t = TableMap.For<Exposure>(db);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.OpenIfClosedAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await using var insert = db.CreateCommand(
            $"INSERT INTO {t.Name} ({t[nameof(Exposure.IncidentId)]}, {t[nameof(Exposure.PersonId)]}, {t[nameof(Exposure.Fields)]}, {t[nameof(Exposure.UpdatedUtc)]}) " +
            "VALUES (@incident, @person, @fields, @now)");
        insert.AddParameter("@incident").Value = incidentId;
        var insertPerson = insert.AddParameter("@person");
        var insertFields = insert.AddParameter("@fields");
        insert.AddParameter("@now").Value = now;

        await using var update = db.CreateCommand(
            $"UPDATE {t.Name} SET {t[nameof(Exposure.Fields)]} = @fields, {t[nameof(Exposure.UpdatedUtc)]} = @now WHERE {t[nameof(Exposure.Id)]} = @id");
        var updateFields = update.AddParameter("@fields");
        update.AddParameter("@now").Value = now;
        var updateId = update.AddParameter("@id");
        insert.Prepare();
        update.Prepare();

        using (var csv = CsvImportFile.Open(file, [.. Columns], new ImportReport(ImportKind.Manifest))!)
        {
            while (csv.Read())
            {
                var row = Parse(csv)!;
                if (!people.TryGetValue(row.PayNumber, out var personId))
                {
                    continue;
                }

                if (!existing.TryGetValue(personId, out var before))
                {
                    insertPerson.Value = personId;
                    insertFields.Value = (int)row.Fields;
                    insert.ExecuteNonQuery();
                }
                else if (before.Fields != row.Fields)
                {
                    updateFields.Value = (int)row.Fields;
                    updateId.Value = before.Id;
                    update.ExecuteNonQuery();
                }
            }
        }

        await using var delete = db.CreateCommand($"DELETE FROM {t.Name} WHERE {t[nameof(Exposure.Id)]} = @id");
        var deleteId = delete.AddParameter("@id");
        foreach (var (personId, before) in existing)
        {
            if (!listed.Contains(personId))
            {
                deleteId.Value = before.Id;
                delete.ExecuteNonQuery();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record ManifestRow(string PayNumber, HeldFields Fields);
}
