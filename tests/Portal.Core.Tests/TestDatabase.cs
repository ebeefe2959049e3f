using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.People;
using Portal.Core.Workforce;
using Portal.Data.Sqlite;

namespace Portal.Core.Tests;

/// <summary>A real, migrated SQLite database in a temporary file, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("portal-test-").FullName;
    private readonly List<PortalDbContext> contexts = [];

    private TestDatabase()
    {
    }

    public string ConnectionString => SqliteDatabase.ConnectionStringForFile(Path.Combine(directory, "portal.db"));

    public string Directory => directory;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A fresh context, as a new request or job would have.</summary>
    public PortalDbContext NewContext()
    {
        var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UsePortalSqlite(ConnectionString).Options);
        contexts.Add(db);
        return db;
    }

    public PersonnelImporter PersonnelImporter(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System);

    public ManifestImporter ManifestImporter(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System);

    public PersonMatcher PersonMatcher(PersonMatchingOptions? options = null) => new(NewContext(), Options.Create(options ?? new PersonMatchingOptions()));

    public WorkforceSeeder Seeder() => new(NewContext(), PersonnelImporter(), ManifestImporter(), TimeProvider.System, NullLogger<WorkforceSeeder>.Instance);

    public async Task<int> CreateIncidentAsync(string reference = "INC-TEST-1")
    {
        await using var db = NewContext();
        var incident = new Incident
        {
            Reference = reference,
            Title = "Test incident " + reference,
            Source = "Test supplier",
            Summary = "Something happened.",
            Status = IncidentStatus.Confirmed,
            OccurredOn = new DateOnly(2023, 8, 1),
            DiscoveredOn = new DateOnly(2023, 8, 2),
            NotIncluded = ["Home address"],
            CreatedUtc = DateTime.UtcNow,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
