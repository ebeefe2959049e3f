using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Infrastructure;

/// <summary>The <c>Database</c> section: which provider and where.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (one node, the embedded default) or <c>PostgreSql</c> (one or several nodes).</summary>
    [Required]
    [RegularExpression("^(?i:sqlite|postgresql)$", ErrorMessage = "Database:Provider must be Sqlite or PostgreSql.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are from the repository root (or the content root when published).</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/portal.db";

    /// <summary>
    /// For Sqlite: the size at which the write-ahead log is copied back into the database and truncated
    /// (<see cref="SqliteLogKeeper"/>), so that it stays near this while a campaign sends.
    /// </summary>
    [Range(1, 1024)]
    public int LogCheckpointMegabytes { get; set; } = 16;

    public long LogCheckpointBytes => LogCheckpointMegabytes * 1024L * 1024;

    /// <summary>For PostgreSql: an Npgsql connection string. Keep its password in a secret store or the environment.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the section as start-up needs it, before options validation runs, refusing what cannot work.</summary>
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSql but Database:ConnectionString is empty. Set it (for example in the environment as " +
                "Database__ConnectionString=\"Host=db.internal;Database=portal;Username=portal;Password=…\"); see docs/deploying.md.");
        }

        return options;
    }
}
