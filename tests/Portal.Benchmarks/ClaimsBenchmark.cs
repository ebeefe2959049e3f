using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;

/// <summary>
/// Everyone claims a flat payment in a week: 47,000 people (<c>--people N</c>) and one scheme open to all of them.
/// Served in-process through the whole pipeline: the claim pages against a trivial page of the same app, one request at
/// a time; then claims made through the claim page (the form read, then posted, as a browser does) by
/// <see cref="Workers"/> people at once against the trivial page driven the same way; then every claim approved and
/// exported as one payment file, timed (the goal: under 5 s).
/// </summary>
internal static partial class ClaimsBenchmark
{
    private const int Workers = 8;
    private const int ThroughThePage = 5_000;
    private const int ExportRuns = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(47_000).First();
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
        var directory = Directory.CreateTempSubdirectory("portal-claims-bench-").FullName;
        try
        {
            using var postgres = args.Contains("--postgresql") ? BenchPostgres.Start() : null;
            await using var app = new QueueBenchmark.BenchmarkPortal(Path.Combine(directory, "portal.db"), postgres?.NewDatabase());
            var (payNumbers, schemeId) = await SeedAsync(app, people);
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var database = postgres is null ? "SQLite" : "PostgreSQL";

            Console.WriteLine($"{database}: {people:N0} people, one flat-payment scheme open to all; {PageTimes.Samples} sequential requests per page after 30 warm-up requests; server time measured in-process");
            Console.WriteLine();
            Console.WriteLine("| page | mean | p50 | p95 | ratio of mean to baseline |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            client.DefaultRequestHeaders.Add(BenchmarkAuth.Header, payNumbers[^1]);
            client.DefaultRequestHeaders.Add(BenchmarkAuth.RoleHeader, "none");
            double? baseline = null;
            foreach (var (name, url) in new[] { ("trivial page (/health/live, the baseline)", "/health/live"), ("your claims (/me/claims)", "/me/claims"), ("the claim form", $"/me/claims/new/{schemeId}") })
            {
                var times = await PageTimes.MeasureAsync(client, url);
                baseline ??= times.Average();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {times.Average():F2} ms | {PageTimes.Percentile(times, 0.5):F2} ms | {PageTimes.Percentile(times, 0.95):F2} ms | {times.Average() / baseline:F1}× |"));
            }

            client.DefaultRequestHeaders.Clear();
            Console.WriteLine();
            Console.WriteLine($"Claims made through the claim page by {ThroughThePage:N0} people, {Workers} at a time (each: the form read, then posted), against the trivial page driven the same way");
            Console.WriteLine();
            Console.WriteLine("| what | a second | p50 | p99 | ratio to baseline |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            var trivial = await DriveAsync(ThroughThePage, async (_, c) =>
            {
                using var response = await c.GetAsync("/health/live");
                response.EnsureSuccessStatusCode();
            }, client);
            var claims = await DriveAsync(ThroughThePage, (i, c) => ClaimAsync(c, payNumbers[i], schemeId), client);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| trivial page (baseline) | {trivial.Rate:N0} requests | {trivial.P50:F1} ms | {trivial.P99:F1} ms | 1 |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| a claim made (form read and posted) | {claims.Rate:N0} claims | {claims.P50:F1} ms | {claims.P99:F1} ms | {claims.Rate / trivial.Rate:F2} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"At this rate everyone's {people:N0} claims take {people / claims.Rate / 60:F1} minutes of the week; spread over a working week (40 hours) they come at {people / (40 * 3600.0):F2} a second."));

            // The rest claim directly, then every claim is approved: the export has all of them to pay.
            await RestClaimAndApproveAsync(app, payNumbers.Skip(ThroughThePage).ToList(), schemeId);
            Console.WriteLine();
            Console.WriteLine($"Export of every approved claim ({people:N0}) as one payment file, {ExportRuns} runs (the claims put back between runs)");
            Console.WriteLine();
            Console.WriteLine("| run | claims | file | time | goal |");
            Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
            for (var run = 1; run <= ExportRuns; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var files = scope.ServiceProvider.GetRequiredService<PaymentFiles>();
                var started = Stopwatch.GetTimestamp();
                var file = await files.ExportAsync(new Portal.Core.Audit.Actor(null, "benchmark", null)) ?? throw new InvalidOperationException("Nothing was exported.");
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (file.ClaimCount != people)
                {
                    throw new InvalidOperationException($"The file has {file.ClaimCount:N0} claims, not {people:N0}.");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {file.ClaimCount:N0} | {file.Content.Length / 1024.0 / 1024.0:F1} MiB | {elapsed.TotalSeconds:F2} s | under 5 s |"));
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.ProtectionClaims.ExecuteUpdateAsync(set => set.SetProperty(c => c.PaymentFileId, (int?)null));
                await db.PaymentFiles.ExecuteDeleteAsync();
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Result(int Count, TimeSpan Elapsed, double P50, double P99)
    {
        public double Rate => Count / Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="count"/> operations, <see cref="Workers"/> at a time, each timed.</summary>
    private static async Task<Result> DriveAsync(int count, Func<int, HttpClient, Task> operation, HttpClient client)
    {
        var next = -1;
        var times = new List<double>[Workers];
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var mine = new List<double>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var sent = Stopwatch.GetTimestamp();
                await operation(i, client);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            times[worker] = mine;
        })));
        var all = times.SelectMany(t => t).Order().ToArray();
        return new Result(count, started.Elapsed, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    /// <summary>One person's claim as a browser makes it: the form read (for its antiforgery token and submission key), then posted.</summary>
    private static async Task ClaimAsync(HttpClient client, string payNumber, int schemeId)
    {
        var page = $"/me/claims/new/{schemeId}";
        using var form = new HttpRequestMessage(HttpMethod.Get, page);
        form.Headers.Add(BenchmarkAuth.Header, payNumber);
        form.Headers.Add(BenchmarkAuth.RoleHeader, "none");
        using var shown = await client.SendAsync(form);
        var html = await shown.Content.ReadAsStringAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, page)
        {
            Content = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", Token().Match(html).Groups[1].Value),
                new("SubmissionKey", Key().Match(html).Groups[1].Value),
                new("Declared", "true"),
            ]),
        };
        post.Headers.Add(BenchmarkAuth.Header, payNumber);
        post.Headers.Add(BenchmarkAuth.RoleHeader, "none");
        using var made = await client.SendAsync(post);
        if (made.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"A claim was answered {(int)made.StatusCode}.");
        }
    }

    private static async Task<(string[] PayNumbers, int SchemeId)> SeedAsync(QueueBenchmark.BenchmarkPortal app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        var payNumbers = Enumerable.Range(0, count).Select(i => (600_000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var chunk in payNumbers.Chunk(10_000))
        {
            db.People.AddRange(chunk.Select(pay => new Person
            {
                PayNumber = pay, GivenName = "Bench", FamilyName = "Person", RankOrGrade = "Constable", Unit = "Emergency Response", WorkLocation = "Northgate",
                Email = $"p{pay}@force.example", EmailNormalised = $"p{pay}@force.example", Status = PersonStatus.Active, CreatedUtc = now, UpdatedUtc = now,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var today = Portal.Core.Text.UkTime.DateOf(now);
        var scheme = new ProtectionScheme
        {
            Code = "HSP26", Name = "Home security payment", Covers = "Home security", EvidenceNeeded = "Your declaration", Kind = SchemeKind.FlatPayment, AmountPence = 25_000,
            Audience = AudienceKind.EveryoneActive, OpensOn = today.AddDays(-1), ClosesOn = today.AddDays(7), CreatedUtc = now, UpdatedUtc = now, Version = 1,
        };
        db.ProtectionSchemes.Add(scheme);
        await db.SaveChangesAsync();
        return (payNumbers, scheme.Id);
    }

    /// <summary>The people who did not claim through the page claim directly (with their allowance rows); then every claim is approved by two people.</summary>
    private static async Task RestClaimAndApproveAsync(QueueBenchmark.BenchmarkPortal app, List<string> payNumbers, int schemeId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        foreach (var chunk in payNumbers.Chunk(10_000))
        {
            var ids = await db.People.Where(p => chunk.Contains(p.PayNumber)).Select(p => p.Id).ToListAsync();
            db.ProtectionClaims.AddRange(ids.Select(id => new ProtectionClaim
            {
                SchemeId = schemeId, PersonId = id, Status = ClaimStatus.Submitted, ClaimedPence = 25_000, Declared = true, SubmissionKey = Guid.NewGuid(),
                SubmittedUtc = now, UpdatedUtc = now, Version = 1,
            }));
            db.ClaimAllowances.AddRange(ids.Select(id => new ClaimAllowance { SchemeId = schemeId, PersonId = id, ClaimedPence = 25_000, Version = 1 }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var first = await db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var second = await db.People.OrderBy(p => p.Id).Select(p => p.Id).Skip(1).FirstAsync();
        await db.ProtectionClaims.ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, ClaimStatus.Approved).SetProperty(c => c.ApprovedPence, c => c.ClaimedPence)
            .SetProperty(c => c.FirstApproverPersonId, first).SetProperty(c => c.SecondApproverPersonId, second));
        await db.Database.ExecuteSqlRawAsync(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "VACUUM ANALYZE protection_claims;" : Portal.Web.Infrastructure.SqliteLogKeeper.Optimize);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"SubmissionKey\" value=\"([^\"]+)\"")]
    private static partial Regex Key();
}
