using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Guidance;
using Portal.Data.PostgreSql;
using Portal.Data.Sqlite;

namespace Portal.Web.Infrastructure;

public static class DatabaseSetup
{
    public static void AddPortalDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var options = DatabaseOptions.From(builder.Configuration);
        var auditKeys = AuditKeys(builder);
        builder.Services.AddSingleton(auditKeys);
        if (options.IsPostgreSql)
        {
            var connectionString = options.ConnectionString!;
            builder.Services.AddDbContextPool<PortalDbContext>(db => db.UsePortalPostgreSql(connectionString).UseAuditChain(auditKeys));
        }
        else
        {
            var connectionString = SqliteDatabase.ConnectionStringForFile(PortalPaths.ResolveDataPath(builder.Environment, options.SqlitePath));
            builder.Services.AddDbContextPool<PortalDbContext>(db => db.UsePortalSqlite(connectionString).UseAuditChain(auditKeys));
            builder.Services.AddHostedService<SqliteLogKeeper>();
            builder.Services.AddHealthChecks().AddCheck<SqliteLogHealthCheck>("database-log", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, tags: ["ready"]);
        }

        builder.Services.PostConfigure<Portal.Core.Imports.ImportOptions>(imports => imports.Directory = PortalPaths.ResolveDataPath(builder.Environment, imports.Directory));
        builder.Services.PostConfigure<Portal.Core.Claims.ClaimsOptions>(claims => claims.ReceiptDirectory = PortalPaths.ResolveDataPath(builder.Environment, claims.ReceiptDirectory));
        var receipts = PortalPaths.ResolveDataPath(builder.Environment, builder.Configuration[$"{Portal.Core.Claims.ClaimsOptions.SectionName}:ReceiptDirectory"] ?? new Portal.Core.Claims.ClaimsOptions().ReceiptDirectory);
        var webRoot = Path.GetFullPath(builder.Environment.WebRootPath ?? Path.Combine(builder.Environment.ContentRootPath, "wwwroot"));
        if ((receipts + Path.DirectorySeparatorChar).StartsWith(webRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Claims:ReceiptDirectory ({receipts}) is inside the web root ({webRoot}), from where anyone could download people's receipts. " +
                "Give it a folder outside the web root, such as data/receipts, on storage every node shares.");
        }

        var seed = builder.Configuration.GetSection(SeedOptions.SectionName).Get<SeedOptions>() ?? new SeedOptions();
        if (seed.Enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Seed:Enabled is true but the environment is {builder.Environment.EnvironmentName}. The synthetic workforce is for trying the portal " +
                "on one machine; import the real personnel extract instead and remove Seed:Enabled from this environment's settings.");
        }
    }

    /// <summary>
    /// The audit chain's keys from <c>Audit:Keys</c>. In Development only, with none configured, a key is made once and
    /// kept in a file beside the database (<c>data/audit-chain.key</c>), so that trying the portal needs no secret store;
    /// every other environment must configure its keys, and says so at start-up.
    /// </summary>
    private static AuditKeyRing AuditKeys(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .PostConfigure(audit => audit.CheckpointFile = PortalPaths.ResolveDataPath(builder.Environment, audit.CheckpointFile));
        var audit = builder.Configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
        if (audit.Keys.Count == 0 && builder.Environment.IsDevelopment())
        {
            var file = PortalPaths.ResolveDataPath(builder.Environment, "data/audit-chain.key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, AuditKeyRing.NewKey());
            }

            audit.Keys["development"] = File.ReadAllText(file).Trim();
            audit.CurrentKey = "development";
        }

        return AuditKeyRing.From(audit);
    }

    /// <summary>
    /// Creates the data folder, applies migrations and, when enabled, seeds the synthetic workforce. On PostgreSQL nodes
    /// starting together take turns (<see cref="StartupLock"/>): the first migrates and seeds, the next finds it done.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var options = DatabaseOptions.From(app.Configuration);
        if (options.IsPostgreSql)
        {
            await StartupLock.HoldAsync(options.ConnectionString!, async () =>
            {
                await app.InitialiseAsync(options);
                return true;
            });
        }
        else
        {
            await app.InitialiseAsync(options);
        }
    }

    private static async Task InitialiseAsync(this WebApplication app, DatabaseOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        if (!options.IsPostgreSql)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PortalPaths.ResolveDataPath(app.Environment, options.SqlitePath))!);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        await db.Database.MigrateAsync();
        await SqliteDatabase.UseWriteAheadLogAsync(db);
        await ReportAuditTrailAsync(app, scope.ServiceProvider, db);

        var migrated = stopwatch.ElapsedMilliseconds;
        await StarterGuidance.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());

        var seed = app.Configuration.GetSection(SeedOptions.SectionName).Get<SeedOptions>() ?? new SeedOptions();
        var seeded = false;
        if (seed.Enabled)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoWorkforceSeeder>();
            seeded = await seeder.SeedIfEmptyAsync(PortalPaths.ResolveDataPath(app.Environment, seed.Directory), seed.Size);
            if (seeded && seed.SupportRequests > 0)
            {
                await scope.ServiceProvider.GetRequiredService<DemoSupportSeeder>().SeedIfEmptyAsync(seed.SupportRequests);
            }
        }

        app.Logger.LogInformation("Database ready in {Elapsed} ms (migrations {Migrated} ms, seeded: {Seeded})", stopwatch.ElapsedMilliseconds, migrated, seeded);
    }

    /// <summary>
    /// Says at start-up what would otherwise wait for an administrator's check: events written around the portal (never
    /// sealed: sealing them would make them look genuine) and append-only triggers removed. Then anchors the chain's head
    /// in a signed checkpoint.
    /// </summary>
    private static async Task ReportAuditTrailAsync(WebApplication app, IServiceProvider services, PortalDbContext db)
    {
        if (await AuditChain.CountUnsealedAsync(db) is var unsealed and > 0)
        {
            app.Logger.LogError("The audit trail has {Count} events written around the portal: they are left unsealed and reported by the audit check", unsealed);
        }

        if (await AuditChain.MissingTriggersAsync(db) is { Count: > 0 } missing)
        {
            app.Logger.LogError("The audit trail's append-only triggers are missing ({Triggers}): the database no longer refuses changes to recorded events", string.Join(", ", missing));
        }

        await services.GetRequiredService<Portal.Core.Jobs.AuditCheckpointJob>().RunAsync(CancellationToken.None);
    }
}
