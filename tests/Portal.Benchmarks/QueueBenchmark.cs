using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Domain;

/// <summary>
/// The welfare queue over 100,000 requests (<c>--requests N</c>) against a trivial page of the same app
/// (<c>/health/live</c>), both served in-process through the whole pipeline (routing, authentication, authorization),
/// one request at a time; then actions on 50 requests chosen on the queue, each posted as the page's form posts it.
/// </summary>
internal static class QueueBenchmark
{
    private const int BulkRuns = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.SkipWhile(a => a != "--requests").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(100_000).First();
        // WebApplicationFactory finds the web project's content root through this variable outside a test project.
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
        var directory = Directory.CreateTempSubdirectory("portal-queue-bench-").FullName;
        try
        {
            using var postgres = args.Contains("--postgresql") ? BenchPostgres.Start() : null;
            await using var app = new BenchmarkPortal(Path.Combine(directory, "portal.db"), postgres?.NewDatabase());
            var (lead, leadId, replyId) = await app.SeedAsync(requests);
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(BenchmarkAuth.Header, lead);

            var pages = new (string Name, string Url)[]
            {
                ("trivial page (/health/live, the baseline)", "/health/live"),
                ("welfare queue, default (open, by priority)", "/welfare"),
                ("welfare queue, all statuses, page 200", "/welfare?status=all&page=200"),
                ("welfare queue, overdue and unassigned, by due time", "/welfare?overdue=true&assigned=unassigned&sort=due"),
                ("welfare queue, due soon, by next target", "/welfare?soon=true&sort=due"),
                ("welfare queue, awaiting a threat assessment", "/welfare?assessment=awaiting"),
            };

            Console.WriteLine($"{(postgres is null ? "SQLite" : "PostgreSQL")}: {requests:N0} support requests; {PageTimes.Samples} sequential requests per page after 30 warm-up requests; server time measured in-process");
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

            Console.WriteLine();
            Console.WriteLine($"Actions on 50 requests chosen on the queue: {BulkRuns} posts each, each request its own version-checked, audited save");
            Console.WriteLine();
            Console.WriteLine("| action on 50 requests | mean | p50 | max | ratio of mean to baseline | goal |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var (name, fields) in new (string, (string, string)[])[]
            {
                ("assign (to the lead, then to no one, in turn)", [("Bulk.Action", "assign"), ("Bulk.AssignTo", "lead")]),
                ("send one saved reply to each", [("Bulk.Action", "reply"), ("Bulk.ReplyId", replyId.ToString(CultureInfo.InvariantCulture))]),
            })
            {
                var times = await BulkTimesAsync(client, fields, leadId);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {times.Average():F0} ms | {PageTimes.Percentile(times, 0.5):F0} ms | {times.Max():F0} ms | {times.Average() / baseline:F0}× | under 1 s |"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Times posting the queue's form for the first 50 unassigned requests, as shown (each with its version); the page is
    /// read again before each post and not timed. Assigning alternates between the lead and no one, so each post changes all 50.
    /// </summary>
    private static async Task<List<double>> BulkTimesAsync(HttpClient client, (string Name, string Value)[] fields, int leadId)
    {
        var times = new List<double>(BulkRuns);
        for (var run = 0; run < BulkRuns; run++)
        {
            var assigning = fields.Any(f => f.Value == "lead");
            var view = assigning && run % 2 == 1 ? $"/welfare?assignee={leadId}&status=New" : "/welfare?assigned=unassigned&status=New";
            var page = await client.GetStringAsync(view);
            var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var chosen = Regex.Matches(page, "name=\"Bulk.Selected\" value=\"([0-9]+:[0-9]+)\"").Select(m => m.Groups[1].Value).Take(50).ToList();
            if (chosen.Count != 50 || token.Length == 0)
            {
                throw new InvalidOperationException($"{view} did not offer 50 requests and a form to act on them.");
            }

            var form = fields.Select(f => f.Value == "lead" ? (f.Name, run % 2 == 0 ? leadId.ToString(CultureInfo.InvariantCulture) : "none") : f)
                .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
                .Concat(chosen.Select(c => new KeyValuePair<string, string>("Bulk.Selected", c)))
                .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync(view + "&handler=Bulk", new FormUrlEncodedContent(form));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The action was answered {(int)response.StatusCode}.");
            }

            var outcome = await client.GetStringAsync(response.Headers.Location!);
            if (!outcome.Contains("50 requests changed.", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Not every one of the 50 requests was changed.");
            }
        }

        return times;
    }

    internal sealed class BenchmarkPortal(string databasePath, string? postgres) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:SqlitePath", databasePath);
            if (postgres is not null)
            {
                builder.UseSetting("Database:Provider", "PostgreSql");
                builder.UseSetting("Database:ConnectionString", postgres);
            }

            builder.UseSetting("Seed:Enabled", "false");
            // Nothing else at work in the background while the pages are timed.
            builder.UseSetting("Oversight:BoardPacks", "false");
            builder.UseSetting("Oversight:FiguresCron", "0 0 31 2 *");
            builder.UseSetting("Support:AlertsCron", "0 0 31 2 *");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Portal.Requests", LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? LogLevel.Warning : LogLevel.Information));
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BenchmarkAuth>(BenchmarkAuth.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = o.DefaultForbidScheme = BenchmarkAuth.SchemeName);
            });
        }

        /// <summary>The requests from 200 people, across every status, type and priority, and a saved reply; returns the lead's pay number and id and the reply's id.</summary>
        public async Task<(string PayNumber, int Id, int ReplyId)> SeedAsync(int count)
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
            foreach (var chunk in Portal.Core.DemoData.SyntheticQueue.Requests(people, people[1].Id, count, now).Chunk(20_000))
            {
                db.SupportRequests.AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            var reply = new SavedReply { Title = "Survey offered", Body = "Dear ((given_name)), about ((reference)): we can offer a home security survey this week.", UpdatedUtc = now, Version = 1 };
            db.SavedReplies.Add(reply);
            await db.SaveChangesAsync();
            // The planner's statistics (and on PostgreSQL the visibility map index-only scans rely on), as SQLite's hourly
            // PRAGMA optimize (SqliteLogKeeper) and PostgreSQL's autovacuum keep them.
            await db.Database.ExecuteSqlRawAsync(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "VACUUM ANALYZE support_requests;" : Portal.Web.Infrastructure.SqliteLogKeeper.Optimize);
            return (people[1].PayNumber, people[1].Id, reply.Id);
        }
    }
}
