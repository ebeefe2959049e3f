using System.Diagnostics;
using Npgsql;

/// <summary>
/// PostgreSQL for a benchmark: the server in <c>BENCH_POSTGRES</c>, or else a throw-away cluster on loopback started with
/// tests/postgres/cluster.sh (Debian's postgresql) and deleted afterwards. Each run gets a database of its own.
/// </summary>
internal sealed class BenchPostgres : IDisposable
{
    private readonly string server;
    private readonly string? cluster;

    private BenchPostgres(string server, string? cluster)
    {
        this.server = server;
        this.cluster = cluster;
    }

    public static BenchPostgres Start()
    {
        if (Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } given)
        {
            return new BenchPostgres(given, null);
        }

        // Not under a folder private to this user: the server runs as Debian's postgres user.
        var cluster = Path.Combine(Path.GetTempPath(), $"portal-bench-pg-{Guid.NewGuid():N}");
        return new BenchPostgres(Shell(Script, "start", cluster), cluster);
    }

    /// <summary>A new, empty database; the portal migrates it as it starts.</summary>
    public string NewDatabase()
    {
        var name = $"portal_bench_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 64 }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="NewDatabase"/> made, so that a long run does not fill the disk.</summary>
    public void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
        {
            Shell(Script, "stop", cluster);
        }
    }

    private static string Script =>
        Path.Combine(Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository."),
            "tests", "postgres", "cluster.sh");

    public static string Shell(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{command} failed: {error}");
    }
}
