using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portal.Data.PostgreSql;

public static class PostgreSqlDatabase
{
    /// <summary>How many statements each connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Uses PostgreSQL with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder<TContext> UsePortalPostgreSql<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext
    {
        ((DbContextOptionsBuilder)builder).UsePortalPostgreSql(connectionString);
        return builder;
    }

    public static DbContextOptionsBuilder UsePortalPostgreSql(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(Tuned(connectionString), npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlDatabase).Assembly.GetName().Name));

    /// <summary>
    /// The connection string with automatic preparation on unless it says otherwise: the statements every page runs
    /// are then parsed and planned once per connection rather than on every request. A connection string that sets
    /// <c>Max Auto Prepare</c> (0 behind a PgBouncer older than 1.21 in transaction mode) is left as it is.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
