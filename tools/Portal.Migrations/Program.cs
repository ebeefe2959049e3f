// Usage: dotnet run --project tools/Portal.Migrations -- add <MigrationName>
//        dotnet run --project tools/Portal.Migrations -- check   (fails if the model has changes with no migration)
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Sqlite;

if (args.Length == 0 || args[0] is not ("add" or "check") || (args[0] == "add" && args.Length < 2))
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/Portal.Migrations -- add <MigrationName> | check");
    return 2;
}

using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // The provider's design-time services are how dotnet-ef itself does this.
new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
using var provider = services.BuildServiceProvider();

var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal.Data.Sqlite"));
if (args[0] == "check")
{
    var pending = db.Database.HasPendingModelChanges();
    Console.WriteLine(pending ? "The model has changes that no migration covers: add a migration." : "Migrations are up to date.");
    return pending ? 1 : 0;
}

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(args[1], "Portal.Data.Sqlite", "Migrations", "C#");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}");
return 0;
