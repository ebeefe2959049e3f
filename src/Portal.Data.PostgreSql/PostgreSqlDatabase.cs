using Microsoft.EntityFrameworkCore;

namespace Portal.Data.PostgreSql;

public static class PostgreSqlDatabase
{
    /// <summary>Uses PostgreSQL with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder<TContext> UsePortalPostgreSql<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext
    {
        ((DbContextOptionsBuilder)builder).UsePortalPostgreSql(connectionString);
        return builder;
    }

    public static DbContextOptionsBuilder UsePortalPostgreSql(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlDatabase).Assembly.GetName().Name));
}
