using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Data;

namespace Portal.Core.Imports;

/// <summary>
/// A temporary table on the context's connection that holds a file's valid rows while they are checked against each
/// other and compared with what is held, so an import keeps no row in memory: its memory is the same for 100 rows or
/// 200,000. The table's unique keys find duplicates in file order: a row whose key an earlier row already holds is
/// left out and passed to the <see cref="Duplicate"/> handler. Only this connection sees the table; it is dropped
/// when disposed (connections are pooled) and with the connection if the process stops.
/// <para>
/// On SQLite each row goes in through one prepared <c>INSERT … ON CONFLICT DO NOTHING</c>, which costs no round trip.
/// On PostgreSQL a round trip a row is what costs, so rows are gathered <see cref="BatchSize"/> at a time, sent by
/// binary <c>COPY</c> to a second table without keys, and moved across in file order by one
/// <c>INSERT … SELECT … ORDER BY line ON CONFLICT DO NOTHING RETURNING line</c>: the same rows are left out as one at a
/// time would leave out, and memory is still bounded by the batch.
/// </para>
/// </summary>
internal sealed class StagingTable : IAsyncDisposable
{
    /// <summary>Rows gathered before each COPY on PostgreSQL.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Told of each row left out because an earlier row holds one of its unique values, after that earlier row is in the table.</summary>
    public delegate void Duplicate(StagingTable staging, int line, IReadOnlyDictionary<string, object?> values);

    private readonly PortalDbContext db;
    private readonly DbTransaction loading;
    private readonly DbCommand insert;
    private readonly Duplicate duplicate;
    private readonly string[] columns;
    private readonly NpgsqlDbType[] copyTypes;
    private readonly List<(int Line, object?[] Values)>? batch;

    private StagingTable(PortalDbContext db, string name, DbTransaction loading, DbCommand insert, Duplicate duplicate, string[] columns, NpgsqlDbType[] copyTypes, bool batched)
    {
        this.db = db;
        Name = name;
        this.loading = loading;
        this.insert = insert;
        this.duplicate = duplicate;
        this.columns = columns;
        this.copyTypes = copyTypes;
        batch = batched ? new List<(int, object?[])>(BatchSize) : null;
    }

    public string Name { get; }

    private string Incoming => Name + "_incoming";

    /// <summary>The insert's parameters, by column name in the order given.</summary>
    public IReadOnlyDictionary<string, DbParameter> Values { get; private init; } = null!;

    /// <summary>
    /// Creates the table, its first column <c>line INTEGER PRIMARY KEY</c> and then <paramref name="columns"/> (SQL column
    /// definitions, with their UNIQUE constraints), and starts loading it. Loading runs in a deferred transaction: on
    /// SQLite a temporary table lives in its own file, so filling it never takes the database's write lock and other
    /// writers (the notice sender) are not held up while a large file is read.
    /// </summary>
    public static async Task<StagingTable> CreateAsync(
        PortalDbContext db, string name, IReadOnlyList<(string Name, string Definition)> columns, Duplicate duplicate, CancellationToken cancellationToken)
    {
        await db.OpenIfClosedAsync(cancellationToken);
        await ExecuteAsync(db, $"DROP TABLE IF EXISTS {name}", cancellationToken);
        await ExecuteAsync(db, $"DROP TABLE IF EXISTS {name}_incoming", cancellationToken);
        var connection = db.Database.GetDbConnection();
        var batched = connection is NpgsqlConnection;

        // ReadUncommitted is how Microsoft.Data.Sqlite is asked for BEGIN DEFERRED; other providers read committed rows.
        var loading = await connection.BeginTransactionAsync(IsolationLevel.ReadUncommitted, cancellationToken);
        var create = connection.CreateCommand();
        await using (create)
        {
            create.Transaction = loading;
            create.CommandText = $"CREATE TEMP TABLE {name} (line INTEGER PRIMARY KEY, {string.Join(", ", columns.Select(c => $"{c.Name} {c.Definition}"))})";
            await create.ExecuteNonQueryAsync(cancellationToken);
            if (batched)
            {
                create.CommandText = $"CREATE TEMP TABLE {name}_incoming (line INTEGER NOT NULL, {string.Join(", ", columns.Select(c => $"{c.Name} {(IsInteger(c.Definition) ? "INTEGER" : "TEXT")}"))})";
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var names = string.Join(", ", columns.Select(c => c.Name));
        var insert = connection.CreateCommand();
        insert.Transaction = loading;
        insert.CommandText = batched
            ? $"INSERT INTO {name} (line, {names}) SELECT line, {names} FROM {name}_incoming ORDER BY line ON CONFLICT DO NOTHING RETURNING line"
            : $"INSERT INTO {name} (line, {names}) VALUES (@line, {string.Join(", ", columns.Select(c => "@" + c.Name))}) ON CONFLICT DO NOTHING";

        // The row being added: the insert's parameters on SQLite; on PostgreSQL the same objects only carry the
        // values into the batch (the batch's insert takes none).
        var values = new Dictionary<string, DbParameter>();
        foreach (var (column, integer) in columns.Select(c => (c.Name, IsInteger(c.Definition))).Prepend(("line", true)))
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@" + column;
            parameter.DbType = integer ? DbType.Int32 : DbType.String;
            values[column] = parameter;
        }

        if (!batched)
        {
            insert.Parameters.AddRange(values.Values.ToArray());
            insert.Prepare();
        }

        var copyTypes = columns.Select(c => IsInteger(c.Definition) ? NpgsqlDbType.Integer : NpgsqlDbType.Text).ToArray();
        return new StagingTable(db, name, loading, insert, duplicate, [.. columns.Select(c => c.Name)], copyTypes, batched) { Values = values };
    }

    private static bool IsInteger(string definition) => definition.StartsWith("INTEGER", StringComparison.Ordinal);

    /// <summary>
    /// Adds the row whose values are set in <see cref="Values"/>. If a unique column already holds one of them, the
    /// row is left out and the <see cref="Duplicate"/> handler told: at once on SQLite, when its batch is sent on
    /// PostgreSQL (the report keeps problems in line order however they arrive).
    /// </summary>
    public void Add(int line)
    {
        if (batch is null)
        {
            Values["line"].Value = line;
            if (insert.ExecuteNonQuery() == 0)
            {
                duplicate(this, line, Row(CurrentValues()));
            }

            return;
        }

        batch.Add((line, CurrentValues()));
        if (batch.Count == BatchSize)
        {
            SendBatch();
        }
    }

    private object?[] CurrentValues() => [.. columns.Select(c => Values[c].Value)];

    private Dictionary<string, object?> Row(object?[] values) => columns.Zip(values).ToDictionary(v => v.First, v => v.Second);

    /// <summary>PostgreSQL: the gathered rows by binary COPY, then across into the keyed table in file order.</summary>
    private void SendBatch()
    {
        if (batch is not { Count: > 0 })
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        using (var copy = connection.BeginBinaryImport($"COPY {Incoming} (line, {string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (line, values) in batch)
            {
                copy.StartRow();
                copy.Write(line, NpgsqlDbType.Integer);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null or DBNull)
                    {
                        copy.WriteNull();
                    }
                    else
                    {
                        copy.Write(values[i], copyTypes[i]);
                    }
                }
            }

            copy.Complete();
        }

        var added = new HashSet<int>(batch.Count);
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
            {
                added.Add(reader.GetInt32(0));
            }
        }

        using (var empty = connection.CreateCommand())
        {
            empty.CommandText = $"TRUNCATE {Incoming}";
            empty.ExecuteNonQuery();
        }

        foreach (var (line, values) in batch.Where(row => !added.Contains(row.Line)))
        {
            duplicate(this, line, Row(values));
        }

        batch.Clear();
    }

    /// <summary>
    /// The line of the row before <paramref name="line"/> that holds <paramref name="value"/> in a unique column, or
    /// null. (When a batch is sent, rows after a left-out one are already in the table.)
    /// </summary>
    public int? LineOf(string column, object value, int line)
    {
        using var find = db.Database.GetDbConnection().CreateCommand();
        find.Transaction = loading;
        find.CommandText = $"SELECT line FROM {Name} WHERE {column} = @value AND line < @line";
        find.AddParameter("@value").Value = value;
        find.AddParameter("@line").Value = line;
        return find.ExecuteScalar() is { } first ? Convert.ToInt32(first, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Ends loading; the rows are then read or joined by commands in the context's own transactions.</summary>
    public async Task LoadedAsync(CancellationToken cancellationToken)
    {
        SendBatch();
        await insert.DisposeAsync();
        await loading.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts what the staged rows would change and, for an import of a file with no problems, writes them, in one
    /// transaction, so what the report says is exactly what was written.
    /// </summary>
    public async Task CountThenWriteAsync(ImportReport report, bool apply, Func<Task> count, Func<Task> write, CancellationToken cancellationToken)
    {
        await using var transaction = apply && report.IsClean ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
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
        await insert.DisposeAsync();
        await loading.DisposeAsync();
        await ExecuteAsync(db, $"DROP TABLE IF EXISTS {Name}", CancellationToken.None);
        await ExecuteAsync(db, $"DROP TABLE IF EXISTS {Incoming}", CancellationToken.None);
    }

    private static async Task ExecuteAsync(PortalDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
