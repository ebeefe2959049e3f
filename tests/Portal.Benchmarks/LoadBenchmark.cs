using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

/// <summary>
/// "Am I affected?" under load: one portal node (a real process, Release build, the seeded 47,000) driven at 32
/// concurrent connections, each request signed in as one of 2,000 different people, against a trivial endpoint of the
/// same app (<c>/health/live</c>) driven the same way in the same run. On SQLite, then on PostgreSQL (a throw-away
/// cluster from tests/postgres/cluster.sh, or <c>BENCH_POSTGRES</c>).
/// </summary>
internal static partial class LoadBenchmark
{
    private const int Connections = 32;
    private const int People = 2_000;
    // Long enough for the runtime to finish recompiling the hot code with full optimisation (tiered compilation): on two
    // cores that are also serving the load it was still compiling, at a quarter of the CPU, after 20 s.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP") ?? "30", CultureInfo.InvariantCulture));
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var providers = args.Contains("--sqlite-only") ? new[] { "Sqlite" } : args.Contains("--postgresql-only") ? ["PostgreSql"] : ["Sqlite", "PostgreSql"];
        Console.WriteLine($"One node; {Connections} concurrent connections; {People:N0} different people signed in; {WarmUp.TotalSeconds:F0} s warm-up, then {Duration.TotalSeconds:F0} s measured for each endpoint");
        Console.WriteLine();
        Console.WriteLine("| database | endpoint | requests a second | p50 | p99 | errors | ratio to baseline | ratio to signed-in baseline |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var provider in providers)
        {
            var work = Directory.CreateTempSubdirectory("portal-load-").FullName;
            BenchPostgres? postgres = null;
            try
            {
                var environment = new Dictionary<string, string>
                {
                    // Development for the seeded workforce and the development sign-in; a log line a request would cost time.
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                    ["Seed__Directory"] = Path.Combine(work, "seed"),
                    ["Seed__SupportRequests"] = "0",
                    ["Database__SqlitePath"] = Path.Combine(work, "portal.db"),
                    ["Imports__Directory"] = Path.Combine(work, "imports"),
                    ["Claims__ReceiptDirectory"] = Path.Combine(work, "receipts"),
                    ["Mail__PickupDirectory"] = Path.Combine(work, "mail"),
                    // 2,000 people sign in from this one address before the run.
                    ["RateLimits__SignInsPerMinute"] = "10000",
                };
                foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_NODE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (name, value) = setting.Split('=', 2) is [var n, var v] ? (n, v)
                        : throw new ArgumentException($"BENCH_NODE_ENV has \"{setting}\", which is not NAME=value. Separate settings with ';'.");
                    environment[name] = value;
                }

                if (provider == "PostgreSql")
                {
                    postgres = BenchPostgres.Start();
                    environment["Database__Provider"] = "PostgreSql";
                    environment["Database__ConnectionString"] = postgres.NewDatabase();
                }

                using var node = PortalProcess.Start(environment);
                var address = await node.AddressAsync(within: TimeSpan.FromMinutes(3));
                var payNumbers = File.ReadLines(Path.Combine(work, "seed", "personnel.csv")).Skip(1).Select(l => l.Split(',')[0]).Take(People).ToArray();
                using var client = NewClient(address);
                var cookies = await SignInAsync(client, payNumbers);

                var page = await DriveAsync(client, "/", cookies);
                var trivial = await DriveAsync(client, "/health/live", null);
                // The same trivial endpoint with each person's sign-in cookie: authentication reads (decrypts) the
                // cookie on every request, so this is the least any signed-in request costs.
                var signedIn = await DriveAsync(client, "/health/live", cookies);
                Row(provider, "trivial endpoint `/health/live` (baseline)", trivial, trivial, signedIn);
                Row(provider, "`/health/live` with the sign-in cookie (signed-in baseline)", signedIn, trivial, signedIn);
                Row(provider, "Am I affected? `/`", page, trivial, signedIn);
                foreach (var extra in (Environment.GetEnvironmentVariable("BENCH_PATHS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    Row(provider, $"`{extra}`", await DriveAsync(client, extra, cookies), trivial, signedIn);
                }
            }
            finally
            {
                postgres?.Dispose();

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        }

        return 0;
    }

    internal sealed record Result(int Requests, int Errors, TimeSpan Elapsed, double P50, double P99)
    {
        public double Rate => Requests / Elapsed.TotalSeconds;
    }

    internal static void Row(string provider, string endpoint, Result result, Result baseline, Result signedIn) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {endpoint} | {result.Rate:N0} | {result.P50:F1} ms | {result.P99:F1} ms | {result.Errors} | {result.Rate / baseline.Rate:F2} | {result.Rate / signedIn.Rate:F2} |"));

    internal static HttpClient NewClient(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
        };

    /// <summary>Signs each person in through the development sign-in, as a browser would, and keeps their cookies.</summary>
    internal static async Task<string[]> SignInAsync(HttpClient client, string[] payNumbers, params string[] roles)
    {
        var cookies = new string[payNumbers.Length];
        await Parallel.ForAsync(0, payNumbers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var form = await client.GetAsync("/dev/sign-in", cancellationToken);
            var antiforgery = CookiesOf(form);
            var token = Token().Match(await form.Content.ReadAsStringAsync(cancellationToken)).Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/dev/sign-in?handler=PayNumber")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.PayNumber", payNumbers[i]), .. roles.Select(r => new KeyValuePair<string, string>("Input.Roles", r))]),
            };
            post.Headers.Add("Cookie", antiforgery);
            using var signedIn = await client.SendAsync(post, cancellationToken);
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in failed: {(int)signedIn.StatusCode}");
            }

            cookies[i] = CookiesOf(signedIn);
        });
        return cookies;
    }

    internal static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    /// <summary>Keeps <see cref="Connections"/> requests in flight, each person in turn, for the warm-up and then the measured time (15 s unless given).</summary>
    internal static async Task<Result> DriveAsync(HttpClient client, string path, string[]? cookies, TimeSpan? warmUp = null, TimeSpan? measured = null)
    {
        await LoopAsync(client, path, cookies, warmUp ?? WarmUp, null);
        var latencies = new List<double>[Connections];
        var (requests, errors, elapsed) = await LoopAsync(client, path, cookies, measured ?? Duration, latencies);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(requests, errors, elapsed, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static async Task<(int Requests, int Errors, TimeSpan Elapsed)> LoopAsync(HttpClient client, string path, string[]? cookies, TimeSpan duration, List<double>[]? latencies)
    {
        var next = 0;
        var errors = 0;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(worker => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (started.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookies is not null)
                {
                    request.Headers.Add("Cookie", cookies[Interlocked.Increment(ref next) % cookies.Length]);
                }

                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            if (latencies is not null)
            {
                latencies[worker] = mine;
            }
        })));
        return (latencies?.Sum(l => l.Count) ?? 0, errors, started.Elapsed);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex Token();
}
