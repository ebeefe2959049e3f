using Npgsql;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Work that every node does as it starts but only one may do at a time — migrating, seeding the starter guidance,
/// installing Hangfire's schema — held under a PostgreSQL advisory lock, so that nodes starting together take turns:
/// the first does it, the next finds it done.
/// </summary>
public static class StartupLock
{
    private const long Key = 0x45_78_50_6F_72_74_61_6C; // "ExPortal"

    public static async Task<T> HoldAsync<T>(string connectionString, Func<Task<T>> work)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }

        try
        {
            return await work();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }
}
