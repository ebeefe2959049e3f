using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>
/// Imports a supplier's held-data manifest for one incident: which fields it held for each pay number.
/// The manifest is the whole truth for its incident, so a person it no longer lists loses their exposure
/// row. Pay numbers that match no person are listed as unmatched, not treated as errors. Like the personnel
/// import, the file is read once into a staging table and compared and written by set-based SQL; each row's pay number
/// is looked up in the people table once, into a second table (<c>import_manifest_people</c>) that the checks and
/// the writes then read.
/// </summary>
public sealed class ManifestImporter(PortalDbContext db, TimeProvider clock)
{
    private const int PayNumberColumn = 0, FieldsHeldColumn = 1;
    private const string Staging = "import_manifest";
    private const string Resolved = "import_manifest_people";

    public static IReadOnlyList<string> Columns { get; } = ["pay_number", "fields_held"];

    public Task<ImportReport> CheckAsync(int incidentId, Stream file, CancellationToken cancellationToken = default) =>
        RunAsync(incidentId, file, apply: false, cancellationToken);

    /// <summary>Applies the manifest; each person's exposure that changes keeps its history (see <see cref="People.ExposureHistory"/>), naming <paramref name="importRunId"/>.</summary>
    public Task<ImportReport> ImportAsync(int incidentId, Stream file, int? importRunId = null, CancellationToken cancellationToken = default) =>
        RunAsync(incidentId, file, apply: true, cancellationToken, importRunId);

    private async Task<ImportReport> RunAsync(int incidentId, Stream file, bool apply, CancellationToken cancellationToken, int? importRunId = null)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            throw new ArgumentException($"There is no incident with id {incidentId}.", nameof(incidentId));
        }

        var report = new ImportReport(ImportKind.Manifest) { FileSha256 = CsvImportFile.Sha256Of(file) };
        using var csv = CsvImportFile.Open(file, [.. Columns], report);
        if (csv is null)
        {
            return report;
        }

        var sql = new Sql(TableMap.For<Exposure>(db), TableMap.For<Person>(db));
        await using var staging = await StagingTable.CreateAsync(db, Staging, [("pay_number", "TEXT NOT NULL UNIQUE"), ("fields", "INTEGER NOT NULL")],
            (staging, line, values) => csv.ProblemAt(line, PayNumberColumn,
                $"Pay number {values["pay_number"]} appears more than once (first on line {staging.LineOf("pay_number", values["pay_number"]!, line)}). List each person once with all the fields held."),
            cancellationToken);
        Load(csv, staging, report);
        await staging.LoadedAsync(cancellationToken);

        if (report.Rows == 0 && report.IsClean)
        {
            report.AddProblem(2, 1, "", "The file has a header row but no rows. Check that this is the whole manifest from the supplier.");
        }

        await ResolveAsync(sql, cancellationToken);
        try
        {
            await staging.CountThenWriteAsync(report, apply, () => CountAsync(sql, incidentId, report, cancellationToken), async () =>
                {
                    await WriteAsync(sql, incidentId, importRunId, cancellationToken);
                    await RecordCountsAsync(incidentId, report, cancellationToken);
                }, cancellationToken);
        }
        finally
        {
            await db.ExecuteAsync($"DROP TABLE IF EXISTS {Resolved}", CancellationToken.None);
        }

        return report;
    }

    /// <summary>
    /// Each staged row with the id of the person its pay number names (null for none), looked up once: the checks and
    /// each write used to join the file to the people table again, a hash of every person each time.
    /// </summary>
    private async Task ResolveAsync(Sql sql, CancellationToken cancellationToken)
    {
        var p = sql.People;
        await db.ExecuteAsync($"DROP TABLE IF EXISTS {Resolved}", cancellationToken);
        await db.ExecuteAsync($"CREATE TEMP TABLE {Resolved} AS SELECT s.line, s.pay_number, s.fields, p.{p[nameof(Person.Id)]} AS person_id " +
            $"FROM {Staging} s LEFT JOIN {p.Name} p ON p.{p[nameof(Person.PayNumber)]} = s.pay_number", cancellationToken);
        // The exposures no longer listed are found by person: PostgreSQL hashes the table (it needs its statistics, as a
        // temporary table is never analysed by autovacuum); SQLite looks each one up.
        if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection)
        {
            await StagingTable.AnalyseAsync(db, Resolved, ["person_id"], cancellationToken);
        }
        else
        {
            await db.ExecuteAsync($"CREATE INDEX ix_{Resolved}_person ON {Resolved} (person_id)", cancellationToken);
        }
    }

    private static void Load(CsvImportFile csv, StagingTable staging, ImportReport report)
    {
        var (payNumber, fields) = (staging.Values["pay_number"], staging.Values["fields"]);
        while (csv.Read())
        {
            report.Rows++;
            if (!csv.CheckShape() || Parse(csv) is not { } row)
            {
                continue;
            }

            payNumber.Value = row.PayNumber;
            fields.Value = (int)row.Fields;
            staging.Add(csv.Line);
        }
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

    private async Task CountAsync(Sql sql, int incidentId, ImportReport report, CancellationToken cancellationToken)
    {
        var e = sql.Exposures;
        await using (var unmatched = db.CreateCommand(
            $"SELECT line, pay_number FROM {Resolved} WHERE person_id IS NULL ORDER BY line"))
        await using (var reader = await unmatched.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                report.AddUnmatched(checked((int)reader.GetInt64(0)), reader.GetString(1));
            }
        }

        await using var count = db.CreateCommand(
            $"SELECT COUNT(*), " +
            $"COALESCE(SUM(CASE WHEN e.{e[nameof(Exposure.PersonId)]} IS NULL THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN e.{e[nameof(Exposure.Fields)]} <> s.fields THEN 1 ELSE 0 END), 0), " +
            $"(SELECT COUNT(*) FROM {e.Name} e WHERE e.{e[nameof(Exposure.IncidentId)]} = @incident AND {sql.NotListed("e")}) " +
            $"FROM {Sql.Listed} LEFT JOIN {e.Name} e ON e.{e[nameof(Exposure.IncidentId)]} = @incident AND e.{e[nameof(Exposure.PersonId)]} = s.person_id");
        count.AddParameter("@incident").Value = incidentId;
        await using var counts = await count.ExecuteReaderAsync(cancellationToken);
        await counts.ReadAsync(cancellationToken);
        var matched = checked((int)counts.GetInt64(0));
        report.Added = checked((int)counts.GetInt64(1));
        report.Changed = checked((int)counts.GetInt64(2));
        report.Removed = checked((int)counts.GetInt64(3));
        report.Unchanged = matched - report.Added - report.Changed;
    }

    /// <summary>What the whole manifest listed — rows, rows matching no one, and each field's rows — for the regulator's report, which counts people no longer in the personnel records too.</summary>
    private async Task RecordCountsAsync(int incidentId, ImportReport report, CancellationToken cancellationToken)
    {
        var byFields = new List<(HeldFields Fields, long Rows)>();
        await using (var command = db.CreateCommand($"SELECT fields, COUNT(*) FROM {Staging} GROUP BY fields"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byFields.Add(((HeldFields)reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        var counts = string.Join(";", DataFieldCatalogue.All.Select(f => $"{f.Key}={byFields.Where(x => x.Fields.HasFlag(f.Flag)).Sum(x => x.Rows)}"));
        await db.Incidents.Where(i => i.Id == incidentId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ManifestRows, report.Rows).SetProperty(i => i.ManifestUnmatched, report.UnmatchedCount).SetProperty(i => i.ManifestFieldCounts, counts), cancellationToken);
    }

    private async Task WriteAsync(Sql sql, int incidentId, int? importRunId, CancellationToken cancellationToken)
    {
        var e = sql.Exposures;
        var c = TableMap.For<ExposureChange>(db);
        var now = clock.GetUtcNow().UtcDateTime;
        var history = $"INSERT INTO {c.Name} ({c[nameof(ExposureChange.PersonId)]}, {c[nameof(ExposureChange.IncidentId)]}, {c[nameof(ExposureChange.ImportRunId)]}, " +
            $"{c[nameof(ExposureChange.ChangedUtc)]}, {c[nameof(ExposureChange.Added)]}, {c[nameof(ExposureChange.Removed)]}) ";
        string[] statements =
        [
            // Each person's history first, from what was held before: fields added and removed, by whom listed or not. A
            // person listed for the first time has no line: their exposure row keeps its listing (see ExposureHistory).
            history + $"SELECT s.person_id, @incident, @run, @now, s.fields & ~e.{e[nameof(Exposure.Fields)]}, e.{e[nameof(Exposure.Fields)]} & ~s.fields FROM {Sql.Listed} " +
            $"JOIN {e.Name} e ON e.{e[nameof(Exposure.IncidentId)]} = @incident AND e.{e[nameof(Exposure.PersonId)]} = s.person_id WHERE e.{e[nameof(Exposure.Fields)]} <> s.fields",
            // A row about to be removed writes out the listing it kept, before the line that removes it.
            history + $"SELECT e.{e[nameof(Exposure.PersonId)]}, @incident, e.{e[nameof(Exposure.ListedImportRunId)]}, e.{e[nameof(Exposure.ListedUtc)]}, e.{e[nameof(Exposure.ListedFields)]}, 0 " +
            $"FROM {e.Name} e WHERE e.{e[nameof(Exposure.IncidentId)]} = @incident AND e.{e[nameof(Exposure.ListedUtc)]} IS NOT NULL AND {sql.NotListed("e")}",
            history + $"SELECT e.{e[nameof(Exposure.PersonId)]}, @incident, @run, @now, 0, e.{e[nameof(Exposure.Fields)]} FROM {e.Name} e WHERE e.{e[nameof(Exposure.IncidentId)]} = @incident AND {sql.NotListed("e")}",
            $"DELETE FROM {e.Name} WHERE {e.Name}.{e[nameof(Exposure.IncidentId)]} = @incident AND {sql.NotListed(e.Name)}",
            $"UPDATE {e.Name} SET {e[nameof(Exposure.Fields)]} = s.fields, {e[nameof(Exposure.UpdatedUtc)]} = @now FROM {Sql.Listed} " +
            $"WHERE {e.Name}.{e[nameof(Exposure.IncidentId)]} = @incident AND {e.Name}.{e[nameof(Exposure.PersonId)]} = s.person_id AND {e.Name}.{e[nameof(Exposure.Fields)]} <> s.fields",
            $"INSERT INTO {e.Name} ({e[nameof(Exposure.IncidentId)]}, {e[nameof(Exposure.PersonId)]}, {e[nameof(Exposure.Fields)]}, {e[nameof(Exposure.UpdatedUtc)]}, " +
            $"{e[nameof(Exposure.ListedUtc)]}, {e[nameof(Exposure.ListedFields)]}, {e[nameof(Exposure.ListedImportRunId)]}) " +
            $"SELECT @incident, s.person_id, s.fields, @now, @now, s.fields, @run FROM {Sql.Listed} WHERE NOT EXISTS " +
            $"(SELECT 1 FROM {e.Name} e WHERE e.{e[nameof(Exposure.IncidentId)]} = @incident AND e.{e[nameof(Exposure.PersonId)]} = s.person_id)",
        ];
        foreach (var statement in statements)
        {
            await using var command = db.CreateCommand(statement);
            command.AddParameter("@incident").Value = incidentId;
            command.AddParameter("@now").Value = now;
            var run = command.AddParameter("@run");
            run.DbType = System.Data.DbType.Int32;
            run.Value = importRunId is { } id ? id : DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The tables, and the SQL fragments the counts and the writes share.</summary>
    private sealed class Sql(TableMap exposures, TableMap people)
    {
        public TableMap Exposures => exposures;
        public TableMap People => people;

        /// <summary>The staged rows <c>s</c> that match a person, whose id is <c>s.person_id</c>.</summary>
        public static string Listed => $"(SELECT line, fields, person_id FROM {Resolved} WHERE person_id IS NOT NULL) s";

        /// <summary>True for an exposure (named <paramref name="e"/> in the statement) whose person the manifest does not list.</summary>
        public string NotListed(string e) =>
            $"NOT EXISTS (SELECT 1 FROM {Resolved} r WHERE r.person_id = {e}.{exposures[nameof(Exposure.PersonId)]})";
    }

    private sealed record ManifestRow(string PayNumber, HeldFields Fields);
}
