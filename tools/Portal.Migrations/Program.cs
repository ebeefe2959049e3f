// Usage: dotnet run --project tools/Portal.Migrations -- add <MigrationName> [Sqlite|PostgreSql]
//        dotnet run --project tools/Portal.Migrations -- check   (fails if the model has changes with no migration, for either provider)
// Each provider has its own migration set (src/Portal.Data.Sqlite, src/Portal.Data.PostgreSql); "add" writes the
// migration to both unless one is named.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

if (args.Length == 0 || args[0] is not ("add" or "check") || (args[0] == "add" && args.Length < 2))
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/Portal.Migrations -- add <MigrationName> [Sqlite|PostgreSql] | check");
    return 2;
}

#pragma warning disable EF1001 // The providers' design-time services are how dotnet-ef itself does this.
(string Name, string Project, Func<PortalDbContext> Context, IDesignTimeServices Services)[] providers =
[
    ("Sqlite", "Portal.Data.Sqlite", () => new Portal.Data.Sqlite.DesignTimeDbContextFactory().CreateDbContext([]),
        new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()),
    ("PostgreSql", "Portal.Data.PostgreSql", () => new Portal.Data.PostgreSql.DesignTimeDbContextFactory().CreateDbContext([]),
        new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices()),
];
#pragma warning restore EF1001

var only = args[0] == "add" && args.Length > 2 ? args[2] : null;
var status = 0;
foreach (var (name, project, context, designTime) in providers.Where(p => only is null || string.Equals(p.Name, only, StringComparison.OrdinalIgnoreCase)))
{
    using var db = context();
    if (args[0] == "check")
    {
        var pending = db.Database.HasPendingModelChanges();
        Console.WriteLine(pending ? $"{name}: the model has changes that no migration covers: add a migration." : $"{name}: migrations are up to date.");
        status |= pending ? 1 : 0;
        continue;
    }

    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    designTime.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();

    var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src", project));
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[1], project, "Migrations", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
    Console.WriteLine($"{name}: wrote {files.MigrationFile}");
}

return status;
