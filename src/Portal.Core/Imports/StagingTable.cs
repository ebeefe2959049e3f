using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Data;

namespace Portal.Core.Imports;

/// <summary>
/// A temporary table on the context's connection that holds a file's valid rows while they are checked against each
/// other and compared with what is held, so an import keeps no row in memory: its memory is the same for 100 rows or
/// 300,000. A row whose unique key an earlier row already holds is left out and passed to the
/// <see cref="Duplicate"/> handler, in file order. Only this connection sees the table; it is dropped when disposed
/// (connections are pooled) and with the connection if the process stops.
/// <para>
/// On SQLite the table has the unique keys, and each row goes in through one prepared
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, which costs no round trip. On PostgreSQL the whole file goes in as one
/// <c>COPY</c> stream into a table without keys, as fast as the server can take rows; then one query reads back
/// the rows whose value in a unique column another row shares (each column's values grouped), those an earlier kept row
/// holds are reported and deleted, and the table's statistics are gathered for the joins that compare it with what is
/// held.
/// </para>
/// </summary>
internal sealed class StagingTable : IAsyncDisposable
{
    /// <summary>Told of each row left out because an earlier row holds one of its unique values.</summary>
    public delegate void Duplicate(StagingTable staging, int line, IReadOnlyDictionary<string, object?> values);

    private readonly PortalDbContext db;
    private readonly DbTransaction loading;
    private readonly DbCommand? insert;
    private readonly Duplicate duplicate;
    private readonly string[] columns;
    private readonly string[] unique;

    /// <summary>
    /// PostgreSQL: the COPY's rows, in its text format. Text, not binary: the client writes a row as one line
    /// instead of a value at a time through Npgsql's typed writers, which cost more than reading and checking the
    /// file and set the pace of the COPY; with text, importing a 47,000-person extract took 600–640 ms, not 750–920.
    /// </summary>
    private NpgsqlCopyTextWriter? copy;

    /// <summary>What COPY's text format escapes with a backslash.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\t\n\r");

    /// <summary>On PostgreSQL, while a duplicate is reported: the line of the kept row holding each of its unique values (past the end if none).</summary>
    private Dictionary<string, int>? firstLines;

    private StagingTable(PortalDbContext db, string name, DbTransaction loading, DbCommand? insert, NpgsqlCopyTextWriter? copy, Duplicate duplicate, string[] columns, string[] unique)
    {
        this.db = db;
        Name = name;
        this.loading = loading;
        this.insert = insert;
        this.copy = copy;
        this.duplicate = duplicate;
        this.columns = columns;
        this.unique = unique;
    }

    public string Name { get; }

    /// <summary>The row's values, by column name in the order given: on SQLite the insert's parameters; on PostgreSQL they only carry the values into the COPY.</summary>
    public IReadOnlyDictionary<string, DbParameter> Values { get; private init; } = null!;

    /// <summary>
    /// Creates the table, its first column <c>line INTEGER</c> and then <paramref name="columns"/> (SQL column
    /// definitions, with their UNIQUE constraints), and starts loading it. Loading runs in a deferred transaction: on
    /// SQLite a temporary table lives in its own file, so filling it never takes the database's write lock and other
    /// writers (the notice sender) are not held up while a large file is read.
    /// </summary>
    public static async Task<StagingTable> CreateAsync(
        PortalDbContext db, string name, IReadOnlyList<(string Name, string Definition)> columns, Duplicate duplicate, CancellationToken cancellationToken)
    {
        await db.OpenIfClosedAsync(cancellationToken);
        await db.ExecuteAsync($"DROP TABLE IF EXISTS {name}", cancellationToken);
        var connection = db.Database.GetDbConnection();
        var postgres = connection as NpgsqlConnection;
        var unique = columns.Where(c => c.Definition.Contains("UNIQUE", StringComparison.Ordinal)).Select(c => c.Name).ToArray();

        // ReadUncommitted is how Microsoft.Data.Sqlite is asked for BEGIN DEFERRED; other providers read committed rows.
        var loading = await connection.BeginTransactionAsync(IsolationLevel.ReadUncommitted, cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = loading;
            create.CommandText = postgres is null
                ? $"CREATE TEMP TABLE {name} (line INTEGER PRIMARY KEY, {string.Join(", ", columns.Select(c => $"{c.Name} {c.Definition}"))})"
                : $"CREATE TEMP TABLE {name} (line INTEGER NOT NULL, {string.Join(", ", columns.Select(c => $"{c.Name} {c.Definition.Replace(" UNIQUE", "", StringComparison.Ordinal)}"))})";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var names = string.Join(", ", columns.Select(c => c.Name));
        var factory = DbProviderFactories.GetFactory(connection) ?? throw new InvalidOperationException("The connection's provider makes no parameters.");
        var values = new Dictionary<string, DbParameter>();
        foreach (var (column, integer) in columns.Select(c => (c.Name, IsInteger(c.Definition))).Prepend(("line", true)))
        {
            var parameter = factory.CreateParameter()!;
            parameter.ParameterName = "@" + column;
            parameter.DbType = integer ? DbType.Int32 : DbType.String;
            values[column] = parameter;
        }

        if (postgres is not null)
        {
            var copy = (NpgsqlCopyTextWriter)await postgres.BeginTextImportAsync($"COPY {name} (line, {names}) FROM STDIN", cancellationToken);
            return new StagingTable(db, name, loading, null, copy, duplicate, [.. columns.Select(c => c.Name)], unique) { Values = values };
        }

        var insert = connection.CreateCommand();
        insert.Transaction = loading;
        insert.CommandText = $"INSERT INTO {name} (line, {names}) VALUES (@line, {string.Join(", ", columns.Select(c => "@" + c.Name))}) ON CONFLICT DO NOTHING";
        insert.Parameters.AddRange(values.Values.ToArray());
        insert.Prepare();
        return new StagingTable(db, name, loading, insert, null, duplicate, [.. columns.Select(c => c.Name)], unique) { Values = values };
    }

    private static bool IsInteger(string definition) => definition.StartsWith("INTEGER", StringComparison.Ordinal);

    /// <summary>
    /// Adds the row whose values are set in <see cref="Values"/>. If a unique column already holds one of them, the
    /// row is left out and the <see cref="Duplicate"/> handler told: at once on SQLite, once the whole file is in on
    /// PostgreSQL (the report keeps problems in line order however they arrive).
    /// </summary>
    public void Add(int line)
    {
        if (copy is null)
        {
            Values["line"].Value = line;
            if (insert!.ExecuteNonQuery() == 0)
            {
                duplicate(this, line, columns.ToDictionary(c => c, c => Values[c].Value));
            }

            return;
        }

        copy.Write(line.ToString(CultureInfo.InvariantCulture));
        foreach (var column in columns)
        {
            copy.Write('\t');
            switch (Values[column].Value)
            {
                case null or DBNull:
                    copy.Write("\\N");
                    break;
                case string text:
                    WriteEscaped(copy, text);
                    break;
                case var value:
                    copy.Write(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        copy.Write('\n');
    }

    private static void WriteEscaped(TextWriter copy, string text)
    {
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAny(Escaped); at >= 0; at = rest.IndexOfAny(Escaped))
        {
            copy.Write(rest[..at]);
            copy.Write(rest[at] switch { '\\' => "\\\\", '\t' => "\\t", '\n' => "\\n", _ => "\\r" });
            rest = rest[(at + 1)..];
        }

        copy.Write(rest);
    }

    /// <summary>The line of the first row before <paramref name="line"/> that holds <paramref name="value"/> in a unique column, or null.</summary>
    public int? LineOf(string column, object value, int line)
    {
        if (firstLines is not null && firstLines.TryGetValue(column, out var first))
        {
            return first < line ? first : null;
        }

        using var find = db.Database.GetDbConnection().CreateCommand();
        find.Transaction = loading;
        find.CommandText = $"SELECT MIN(line) FROM {Name} WHERE {column} = @value AND line < @line";
        find.AddParameter("@value").Value = value;
        find.AddParameter("@line").Value = line;
        return find.ExecuteScalar() is { } found and not DBNull ? Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Ends loading; the rows are then read or joined by commands in the context's own transactions.</summary>
    public async Task LoadedAsync(CancellationToken cancellationToken)
    {
        if (insert is not null)
        {
            await insert.DisposeAsync();
        }

        if (copy is not null)
        {
            // Disposing the writer ends the COPY, sending what it holds.
            await copy.DisposeAsync();
            copy = null;
            await LeaveOutDuplicatesAsync(cancellationToken);
        }

        await loading.CommitAsync(cancellationToken);
        if (db.Database.GetDbConnection() is NpgsqlConnection)
        {
            // Only the keys are joined on.
            await AnalyseAsync(db, Name, [.. unique.DefaultIfEmpty("line")], cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL: gathers a temporary table's statistics on the columns it is joined on. Autovacuum never analyses a
    /// temporary table: without statistics the planner guesses a few hundred rows and may join a whole file to the
    /// people table row by row. The planner needs only the table's size and roughly how many distinct values each
    /// column holds, so a sample of 3,000 rows (statistics target 10) does, not the default 30,000: analysing 45,000
    /// rows then takes 2 ms, not 10–15.
    /// </summary>
    public static Task AnalyseAsync(PortalDbContext db, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"ALTER TABLE {table} {string.Join(", ", columns.Select(c => $"ALTER COLUMN {c} SET STATISTICS 10"))}; ANALYZE {table} ({string.Join(", ", columns)})",
            cancellationToken);

    /// <summary>
    /// PostgreSQL: leaves out each row that a keyed table would have refused, reports it in file order, and deletes it,
    /// so the table holds what the keyed table on SQLite would. Only rows sharing a unique value with another row are
    /// read back (none, for a good file); they are taken in file order, and a row is left out when an earlier row that
    /// was kept holds one of its values, so a row left out never makes a later row a duplicate of it.
    /// </summary>
    private async Task LeaveOutDuplicatesAsync(CancellationToken cancellationToken)
    {
        if (unique.Length == 0)
        {
            return;
        }

        var suspects = new List<(int Line, Dictionary<string, object?> Values)>();
        await using (var find = db.Database.GetDbConnection().CreateCommand())
        {
            find.Transaction = loading;
            // Each key's shared values by hashing (a window over each key sorted the whole file: a tenth of a manifest's import).
            find.CommandText = $"SELECT line, {string.Join(", ", columns)} FROM {Name} " +
                $"WHERE {string.Join(" OR ", unique.Select(c => $"{c} IN (SELECT {c} FROM {Name} GROUP BY {c} HAVING COUNT(*) > 1)"))} ORDER BY line";
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                suspects.Add((reader.GetInt32(0), columns.Select((c, i) => (c, Value: reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1))).ToDictionary(v => v.c, v => v.Value)));
            }
        }

        var kept = unique.ToDictionary(c => c, _ => new Dictionary<object, int>());
        var leftOut = new List<int>();
        foreach (var (line, values) in suspects)
        {
            if (unique.Any(c => kept[c].ContainsKey(values[c]!)))
            {
                firstLines = unique.ToDictionary(c => c, c => kept[c].TryGetValue(values[c]!, out var first) ? first : int.MaxValue);
                duplicate(this, line, values);
                leftOut.Add(line);
            }
            else
            {
                foreach (var c in unique)
                {
                    kept[c][values[c]!] = line;
                }
            }
        }

        firstLines = null;
        if (leftOut.Count > 0)
        {
            await using var delete = db.Database.GetDbConnection().CreateCommand();
            delete.Transaction = loading;
            delete.CommandText = $"DELETE FROM {Name} WHERE line = ANY(@lines)";
            delete.AddParameter("@lines").Value = leftOut.ToArray();
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Counts what the staged rows would change and, for an import of a file with no problems, writes them, in one
    /// transaction, so what the report says is exactly what was written.
    /// </summary>
    public async Task CountThenWriteAsync(ImportReport report, bool apply, Func<Task> count, Func<Task> write, CancellationToken cancellationToken)
    {
        await using var transaction = apply && report.IsClean ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null && db.Database.GetDbConnection() is NpgsqlConnection)
        {
            // The write sorts the file's rows into file order and hashes them against what is held: with PostgreSQL's
            // default 4 MB a 47,000-row extract's sort spills to disk. For this transaction only.
            await db.ExecuteAsync("SET LOCAL work_mem = '64MB'", cancellationToken);
        }

        await count();
        if (transaction is null)
        {
            return;
        }

        if (report.HasChanges)
        {
            await write();
        }

        await transaction.CommitAsync(cancellationToken);
        report.Applied = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (insert is not null)
        {
            await insert.DisposeAsync();
        }

        if (copy is not null)
        {
            // Loading stopped part way (the file could not be read): the COPY is cancelled, with its rows.
            await copy.CancelAsync();
            await copy.DisposeAsync();
        }

        await loading.DisposeAsync();
        await db.ExecuteAsync($"DROP TABLE IF EXISTS {Name}", CancellationToken.None);
    }
}
