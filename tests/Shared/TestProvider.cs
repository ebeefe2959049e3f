using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Data;
using Portal.Data.PostgreSql;
using Portal.Data.Sqlite;

namespace Portal.Testing;

/// <summary>
/// Which database the tests run against. SQLite unless <c>PORTAL_TEST_PROVIDER=PostgreSql</c>, which test.sh sets for
/// its second run, with <c>PORTAL_TEST_POSTGRES</c> the connection string of the throw-away server it started
/// (tests/postgres/cluster.sh). Asked for PostgreSQL without a server, every test fails: nothing is skipped.
/// </summary>
public static class TestProvider
{
    public static bool IsPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable("PORTAL_TEST_PROVIDER"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    public static string Name => IsPostgreSql ? "PostgreSql" : "Sqlite";

    public static DbContextOptions<PortalDbContext> Options(string connectionString, Portal.Core.Audit.AuditKeyRing? auditKeys = null) =>
        IsPostgreSql
            ? new DbContextOptionsBuilder<PortalDbContext>().UsePortalPostgreSql(connectionString).UseAuditChain(auditKeys ?? AuditKeys).Options
            : new DbContextOptionsBuilder<PortalDbContext>().UsePortalSqlite(connectionString).UseAuditChain(auditKeys ?? AuditKeys).Options;

    /// <summary>The audit chain's key in every test, as <c>Audit:Keys:test</c>: portals under test and the tests' own contexts seal and check alike.</summary>
    public const string AuditKeyId = "test";

    public static readonly string AuditKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    public static Portal.Core.Audit.AuditKeyRing AuditKeys { get; } =
        Portal.Core.Audit.AuditKeyRing.From(new() { Keys = { [AuditKeyId] = AuditKey }, CurrentKey = AuditKeyId });

    /// <summary>The settings that give a portal the tests' audit key, with this separator (":" for configuration, "__" for the environment).</summary>
    public static Dictionary<string, string> AuditSettings(string separator) => new()
    {
        [$"Audit{separator}Keys{separator}{AuditKeyId}"] = AuditKey,
        [$"Audit{separator}CurrentKey"] = AuditKeyId,
    };

    /// <summary>A new, migrated database of its own: a file in <paramref name="directory"/>, or a PostgreSQL database.</summary>
    public static async Task<string> CreateDatabaseAsync(string directory) =>
        IsPostgreSql ? await PostgreSqlTestDatabases.CreateAsync() : await MigrateAsync(SqliteDatabase.ConnectionStringForFile(Path.Combine(directory, "portal.db")));

    /// <summary>The connection string a new database would have, without creating it (the portal migrates it at start-up).</summary>
    public static async Task<string> EmptyDatabaseAsync(string directory) =>
        IsPostgreSql ? await PostgreSqlTestDatabases.CreateAsync(migrated: false) : SqliteDatabase.ConnectionStringForFile(Path.Combine(directory, "portal.db"));

    /// <summary>A plain connection to the database, outside any context.</summary>
    public static System.Data.Common.DbConnection NewConnection(string connectionString) =>
        IsPostgreSql ? new NpgsqlConnection(connectionString) : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);

    /// <summary>SQL that drops the audit trail's append-only triggers, as the database's owner could.</summary>
    public static string DropAuditTriggersSql => IsPostgreSql
        ? "DROP TRIGGER audit_events_append_only_update ON audit_events; DROP TRIGGER audit_events_append_only_delete ON audit_events; DROP TRIGGER audit_events_append_only_truncate ON audit_events; "
        : "DROP TRIGGER audit_events_append_only_update; DROP TRIGGER audit_events_append_only_delete; ";

    /// <summary>SQL that puts the append-only triggers back as the migrations made them, as someone covering their tracks would.</summary>
    public static string RestoreAuditTriggersSql => IsPostgreSql
        ? "CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only(); " +
          "CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only(); " +
          "CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only(); "
        : "CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events WHEN OLD.hash IS NOT NULL " +
          "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: a recorded event cannot be changed.'); END; " +
          "CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events " +
          "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: a recorded event cannot be deleted.'); END; ";

    /// <summary>SQL that counts the temporary tables the current connection holds.</summary>
    public static string CountTemporaryTablesSql => IsPostgreSql
        ? "SELECT COUNT(*) FROM pg_class WHERE relpersistence = 't' AND relkind = 'r' AND pg_table_is_visible(oid)"
        : "SELECT COUNT(*) FROM sqlite_temp_master WHERE type = 'table'";

    public static async Task DropDatabaseAsync(string connectionString)
    {
        if (IsPostgreSql)
        {
            await PostgreSqlTestDatabases.DropAsync(connectionString);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<string> MigrateAsync(string connectionString)
    {
        await using var db = new PortalDbContext(Options(connectionString));
        await db.Database.MigrateAsync();
        return connectionString;
    }
}

/// <summary>
/// Databases on the test PostgreSQL server: each test gets a copy of a template migrated once per test process
/// (CREATE DATABASE … TEMPLATE takes a fraction of a second; migrating takes seconds), dropped afterwards.
/// </summary>
internal static class PostgreSqlTestDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? template;

    private static string Server =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "PORTAL_TEST_PROVIDER is PostgreSql but PORTAL_TEST_POSTGRES is not set. Run ./test.sh, which starts a throw-away server " +
                "(tests/postgres/cluster.sh), or set it to a server's connection string.");

    public static async Task<string> CreateAsync(bool migrated = true)
    {
        var name = $"portal_test_{Guid.NewGuid():N}";
        await Gate.WaitAsync();
        try
        {
            if (migrated && template is null)
            {
                var templateName = $"portal_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50];
                await ExecuteAsync($"CREATE DATABASE {templateName}");
                var connection = For(templateName);
                await using (var db = new PortalDbContext(TestProvider.Options(connection)))
                {
                    await db.Database.MigrateAsync();
                }

                // The portal connects with its tuned form of the string, which has a pool of its own.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(Portal.Data.PostgreSql.PostgreSqlDatabase.Tuned(connection)));
                template = templateName;
            }

            await ExecuteAsync(migrated ? $"CREATE DATABASE {name} TEMPLATE {template}" : $"CREATE DATABASE {name}");
        }
        finally
        {
            Gate.Release();
        }

        return For(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Portal.Data.PostgreSql.PostgreSqlDatabase.Tuned(connectionString)));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static string For(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
