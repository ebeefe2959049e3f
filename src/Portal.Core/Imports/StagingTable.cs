using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Imports;

/// <summary>
/// A temporary table on the context's connection that holds a file's valid rows while they are checked against each
/// other and compared with what is held, so an import keeps no row in memory: its memory is the same for 100 rows or
/// 200,000. Rows go in through one prepared <c>INSERT … ON CONFLICT DO NOTHING</c>, so the table's unique keys find
/// duplicates as the file is read, in file order. Only this connection sees the table; it is dropped when disposed
/// (connections are pooled) and with the connection if the process stops.
/// </summary>
internal sealed class StagingTable : IAsyncDisposable
{
    private readonly PortalDbContext db;
    private readonly DbTransaction loading;
    private readonly DbCommand insert;

    private StagingTable(PortalDbContext db, string name, DbTransaction loading, DbCommand insert)
    {
        this.db = db;
        Name = name;
        this.loading = loading;
        this.insert = insert;
    }

    public string Name { get; }

    /// <summary>The insert's parameters, by column name in the order given.</summary>
    public IReadOnlyDictionary<string, DbParameter> Values { get; private init; } = null!;

    /// <summary>
    /// Creates the table, its first column <c>line INTEGER PRIMARY KEY</c> and then <paramref name="columns"/> (SQL column
    /// definitions, with their UNIQUE constraints), and starts loading it. Loading runs in a deferred transaction: on
    /// SQLite a temporary table lives in its own file, so filling it never takes the database's write lock and other
    /// writers (the notice sender) are not held up while a large file is read.
    /// </summary>
    public static async Task<StagingTable> CreateAsync(PortalDbContext db, string name, IReadOnlyList<(string Name, string Definition)> columns, CancellationToken cancellationToken)
    {
        await db.OpenIfClosedAsync(cancellationToken);
        await ExecuteAsync(db, $"DROP TABLE IF EXISTS {name}", cancellationToken);
        var connection = db.Database.GetDbConnection();

        // ReadUncommitted is how Microsoft.Data.Sqlite is asked for BEGIN DEFERRED; other providers read committed rows.
        var loading = await connection.BeginTransactionAsync(IsolationLevel.ReadUncommitted, cancellationToken);
        var create = connection.CreateCommand();
        await using (create)
        {
            create.Transaction = loading;
            create.CommandText = $"CREATE TEMP TABLE {name} (line INTEGER PRIMARY KEY, {string.Join(", ", columns.Select(c => $"{c.Name} {c.Definition}"))})";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var insert = connection.CreateCommand();
        insert.Transaction = loading;
        insert.CommandText = $"INSERT INTO {name} (line, {string.Join(", ", columns.Select(c => c.Name))}) VALUES (@line, {string.Join(", ", columns.Select(c => "@" + c.Name))}) ON CONFLICT DO NOTHING";
        // Typed, as PostgreSQL needs them to prepare the statement.
        var values = new Dictionary<string, DbParameter> { ["line"] = Typed(insert.AddParameter("@line"), DbType.Int32) };
        foreach (var column in columns)
        {
            values[column.Name] = Typed(insert.AddParameter("@" + column.Name), column.Definition.StartsWith("INTEGER", StringComparison.Ordinal) ? DbType.Int32 : DbType.String);
        }

        insert.Prepare();
        return new StagingTable(db, name, loading, insert) { Values = values };
    }

    private static DbParameter Typed(DbParameter parameter, DbType type)
    {
        parameter.DbType = type;
        return parameter;
    }

    /// <summary>Adds the row whose values are set in <see cref="Values"/>; false if a unique column already holds one of them.</summary>
    public bool TryAdd(int line)
    {
        Values["line"].Value = line;
        return insert.ExecuteNonQuery() == 1;
    }

    /// <summary>The line of the row already holding <paramref name="value"/> in a unique column, or null.</summary>
    public int? LineOf(string column, object value)
    {
        using var find = db.Database.GetDbConnection().CreateCommand();
        find.Transaction = loading;
        find.CommandText = $"SELECT line FROM {Name} WHERE {column} = @value";
        find.AddParameter("@value").Value = value;
        return find.ExecuteScalar() is { } line ? Convert.ToInt32(line, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Ends loading; the rows are then read or joined by commands in the context's own transactions.</summary>
    public async Task LoadedAsync(CancellationToken cancellationToken)
    {
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
    }

    private static async Task ExecuteAsync(PortalDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
