using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Domain;

/// <summary>
/// The welfare queue over 20,000 requests against a trivial page of the same app (<c>/health/live</c>), both served
/// in-process through the whole pipeline (routing, authentication, authorization), one request at a time.
/// </summary>
internal static class QueueBenchmark
{
    private const int Requests = 20_000;

    public static async Task<int> RunAsync()
    {
        // WebApplicationFactory finds the web project's content root through this variable outside a test project.
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
        var directory = Directory.CreateTempSubdirectory("portal-queue-bench-").FullName;
        try
        {
            await using var app = new BenchmarkPortal(Path.Combine(directory, "portal.db"));
            var lead = await app.SeedAsync(Requests);
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(BenchmarkAuth.Header, lead);

            var pages = new (string Name, string Url)[]
            {
                ("trivial page (/health/live, the baseline)", "/health/live"),
                ("welfare queue, default (open, by priority)", "/welfare"),
                ("welfare queue, all statuses, page 200", "/welfare?status=all&page=200"),
                ("welfare queue, overdue and unassigned, by due time", "/welfare?overdue=true&assigned=unassigned&sort=due"),
            };

            Console.WriteLine($"{Requests:N0} support requests; {PageTimes.Samples} sequential requests per page after 30 warm-up requests; server time measured in-process");
            Console.WriteLine();
            Console.WriteLine("| page | mean | p50 | p95 | ratio of mean to baseline |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            double? baseline = null;
            foreach (var (name, url) in pages)
            {
                var times = await PageTimes.MeasureAsync(client, url);
                baseline ??= times.Average();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {times.Average():F2} ms | {PageTimes.Percentile(times, 0.5):F2} ms | {PageTimes.Percentile(times, 0.95):F2} ms | {times.Average() / baseline:F1}× |"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class BenchmarkPortal(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:SqlitePath", databasePath);
            builder.UseSetting("Seed:Enabled", "false");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? LogLevel.Warning : LogLevel.Information));
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BenchmarkAuth>(BenchmarkAuth.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = o.DefaultForbidScheme = BenchmarkAuth.SchemeName);
            });
        }

        /// <summary>20,000 requests from 200 people, across every status, type and priority; returns the lead's pay number.</summary>
        public async Task<string> SeedAsync(int count)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var now = DateTime.UtcNow;
            var people = Enumerable.Range(0, 200).Select(i => new Person
            {
                PayNumber = (900_000 + i).ToString(CultureInfo.InvariantCulture), GivenName = "Bench", FamilyName = "Person", RankOrGrade = "Constable",
                Unit = "Emergency Response", WorkLocation = "Northgate", Email = $"bench{i}@force.example", EmailNormalised = $"bench{i}@force.example",
                SensitiveRole = i % 30 == 0 ? SensitiveRole.Covert : SensitiveRole.None, CreatedUtc = now, UpdatedUtc = now,
            }).ToList();
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            db.WelfareTeamMembers.Add(new WelfareTeamMember { PersonId = people[1].Id, IsLead = true, LastSeenUtc = now });
            db.SupportRequests.AddRange(Portal.Core.DemoData.SyntheticQueue.Requests(people, people[1].Id, count, now));
            await db.SaveChangesAsync();
            return people[1].PayNumber;
        }
    }
}
