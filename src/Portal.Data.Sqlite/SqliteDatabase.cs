using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Sqlite;

public static class SqliteDatabase
{
    /// <summary>Uses SQLite at the given file with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder<TContext> UsePortalSqlite<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext
    {
        ((DbContextOptionsBuilder)builder).UsePortalSqlite(connectionString);
        return builder;
    }

    public static DbContextOptionsBuilder UsePortalSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(SynchronousNormal.Instance);

    public static string ConnectionStringForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, ForeignKeys = true }.ToString();

    /// <summary>
    /// Write-ahead logging lets pages read while an import writes. It is a property of the file, so it is
    /// set once when the database is opened at start-up.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// With write-ahead logging, <c>synchronous=NORMAL</c> keeps every committed transaction through a crash of the
/// process (only a power cut can lose the last few) and stops each small commit waiting for the disk — the notice
/// sender stamps one row per message. It is a setting of the connection, so it is set whenever one opens.
/// </summary>
internal sealed class SynchronousNormal : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SynchronousNormal Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
