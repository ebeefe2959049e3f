using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.People;
using Portal.Testing;

namespace Portal.Core.Tests;

/// <summary>
/// A real, migrated database of its own, deleted afterwards: a SQLite file in a temporary folder, or a PostgreSQL
/// database when the tests run against PostgreSQL (<see cref="TestProvider"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("portal-test-").FullName;
    private readonly List<PortalDbContext> contexts = [];

    private TestDatabase()
    {
    }

    public string ConnectionString { get; private set; } = "";

    public string Directory => directory;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        database.ConnectionString = await TestProvider.CreateDatabaseAsync(database.directory);
        return database;
    }

    /// <summary>A fresh context, as a new request or job would have.</summary>
    public PortalDbContext NewContext(Portal.Core.Audit.AuditKeyRing? auditKeys = null)
    {
        var db = new PortalDbContext(TestProvider.Options(ConnectionString, auditKeys));
        contexts.Add(db);
        return db;
    }

    /// <summary>A plain connection to the database, outside any context.</summary>
    public System.Data.Common.DbConnection NewConnection() => TestProvider.NewConnection(ConnectionString);

    public PersonnelImporter PersonnelImporter(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System);

    public ManifestImporter ManifestImporter(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System);

    public PersonMatcher PersonMatcher(PersonMatchingOptions? options = null) => new(NewContext(), Options.Create(options ?? new PersonMatchingOptions()));

    public DemoWorkforceSeeder Seeder() => new(NewContext(), PersonnelImporter(), ManifestImporter(), TimeProvider.System, NullLogger<DemoWorkforceSeeder>.Instance);

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

        await TestProvider.DropDatabaseAsync(ConnectionString);
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
