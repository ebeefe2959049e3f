using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Oversight;
using Portal.Web.Infrastructure.Security;

/// <summary>
/// The oversight page and the daily board pack over the seeded workforce of 47,000, a campaign to everyone (a third
/// confirmed, some refused) and 20,000 support requests: the page against the trivial endpoint in the same run, both
/// served in-process through the whole pipeline; counting the figures and writing the pack timed whole.
/// </summary>
internal static class OversightBenchmark
{
    private const int Requests = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
        await RunOnAsync(null, args);
        if (args.Contains("--postgresql"))
        {
            using var postgres = BenchPostgres.Start();
            await RunOnAsync(postgres.NewDatabase(), args);
        }

        return 0;
    }

    private static async Task RunOnAsync(string? postgres, string[] args)
    {
        Console.WriteLine();
        Console.WriteLine(postgres is null ? "## SQLite" : "## PostgreSQL");
        var directory = Directory.CreateTempSubdirectory("portal-oversight-bench-").FullName;
        try
        {
            await using var portal = new OversightPortal(directory, postgres);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(portal);
            Console.WriteLine($"Seeded {WorkforceGenerator.DefaultSize:N0} people, a campaign to everyone and {Requests:N0} support requests in {seeding.Elapsed.TotalSeconds:F1} s");

            var counting = await BestAsync(async () =>
            {
                await using var scope = portal.Services.CreateAsyncScope();
                var started = Stopwatch.GetTimestamp();
                await scope.ServiceProvider.GetRequiredService<OversightSnapshots>().RefreshAsync();
                return Stopwatch.GetElapsedTime(started);
            });
            var pack = await BestAsync(async () =>
            {
                await using var scope = portal.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BoardPacks.ExecuteDeleteAsync();
                var started = Stopwatch.GetTimestamp();
                var written = await scope.ServiceProvider.GetRequiredService<BoardPacks>().WriteDueAsync() ?? throw new InvalidOperationException("No pack was written.");
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (args.SkipWhile(a => a != "--pack-to").Skip(1).FirstOrDefault() is { } keep)
                {
                    await File.WriteAllBytesAsync(keep, written.Pdf);
                }

                return elapsed;
            });

            using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(BenchmarkAuth.Header, PersonaPeople.OversightMember.PayNumber);
            client.DefaultRequestHeaders.Add(BenchmarkAuth.RoleHeader, RoleNames.Oversight);
            var trivial = await PageTimes.MeasureAsync(client, "/health/live");
            var page = await PageTimes.MeasureAsync(client, "/oversight");
            var incident = await PageTimes.MeasureAsync(client, "/oversight?scope=incident-1");

            Console.WriteLine();
            Console.WriteLine("| measured | mean | p50 | p95 | ratio | goal |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
            Row("trivial page (`/health/live`, the baseline)", trivial, trivial.Average(), "");
            Row("`/oversight`, the whole response", page, trivial.Average(), "≤ 20×");
            Row("`/oversight?scope=incident-1`, the supplier breach", incident, trivial.Average(), "≤ 20×");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| counting the figures (every scope; the job, every 5 minutes) | {counting.TotalMilliseconds:F0} ms | | | | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| writing the board pack (count, PDF, CSV, store) | {pack.TotalMilliseconds:F0} ms | | | {pack.TotalSeconds / 10:F2} of 10 s | < 10 s |"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Row(string name, List<double> times, double baseline, string goal) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {times.Average():F2} ms | {PageTimes.Percentile(times, 0.5):F2} ms | {PageTimes.Percentile(times, 0.95):F2} ms | {times.Average() / baseline:F1}× | {goal} |"));

    /// <summary>A campaign to everyone active, sent an hour ago: a third confirmed, one in 500 refused; 20,000 requests from the first 5,000 people.</summary>
    private static async Task SeedAsync(OversightPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var bench = new Actor(null, "benchmark", null);
        var id = await services.GetRequiredService<Campaigns>().CreateAsync(bench,
            new CampaignDraft("The card supplier breach", "Dear ((given_name)), please sign in: ((notice_link))", 1, AudienceKind.EveryoneActive, null, [], null));
        var campaign = await db.NoticeCampaigns.SingleAsync(c => c.Id == id);
        await services.GetRequiredService<CampaignAudience>().WriteDeliveriesAsync(campaign);
        var sent = DateTime.UtcNow.AddHours(-1);
        await db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentUtc, sent));
        await db.Deliveries.Where(d => d.CampaignId == id && d.PersonId % 500 == 0).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.FailedPermanent));
        await db.NoticeCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.StartedUtc, sent));
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO acknowledgements (campaign_id, person_id, acknowledged_utc) SELECT campaign_id, person_id, sent_utc FROM deliveries WHERE campaign_id = {id} AND status = 'Sent' AND person_id % 3 = 0");

        var requesters = await db.People.AsNoTracking().OrderBy(p => p.Id).Take(5_000).ToListAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in SyntheticQueue.Requests(requesters, requesters[1].Id, Requests, DateTime.UtcNow).Chunk(5_000))
        {
            db.SupportRequests.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<TimeSpan> BestAsync(Func<Task<TimeSpan>> run)
    {
        await run();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var elapsed = await run();
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }

    private sealed class OversightPortal(string directory, string? postgres) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:SqlitePath", Path.Combine(directory, "portal.db"));
            if (postgres is not null)
            {
                builder.UseSetting("Database:Provider", "PostgreSql");
                builder.UseSetting("Database:ConnectionString", postgres);
            }

            builder.UseSetting("Seed:Enabled", "true");
            builder.UseSetting("Seed:SupportRequests", "0");
            builder.UseSetting("Seed:Directory", Path.Combine(directory, "seed"));
            builder.UseSetting("Mail:PickupDirectory", Path.Combine(directory, "mail"));
            builder.UseSetting("Notices:ApprovalThreshold", "1000000");
            // The benchmark counts and writes when it times them, not on the jobs' schedule.
            builder.UseSetting("Oversight:FiguresCron", "0 0 31 2 *");
            builder.UseSetting("Oversight:BoardPacks", "true");
            builder.UseSetting("Oversight:BoardPackTime", "00:00");
            builder.UseSetting("Logging:LogLevel:Portal.Requests", "Warning");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BenchmarkAuth>(BenchmarkAuth.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = o.DefaultForbidScheme = BenchmarkAuth.SchemeName);
            });
        }
    }
}
