using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;

/// <summary>
/// A campaign to all 47,000 through the portal (delivery rows, Hangfire batches, MailKit, a stamp per message) to a
/// local aiosmtpd server, against a plain MailKit loop sending the same number of messages over the same number of
/// connections to the same server in the same run.
/// </summary>
internal static class NoticeBenchmark
{
    private static readonly int Connections = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CONNECTIONS"), out var n) ? n : 4;

    /// <summary>On SQLite; with <c>--postgresql</c> then on PostgreSQL too, and the two steady-state campaigns compared.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
        var (status, sqlite) = await RunOneAsync(null);
        if (!args.Contains("--postgresql"))
        {
            return status;
        }

        using var postgres = BenchPostgres.Start();
        var (pgStatus, pg) = await RunOneAsync(postgres.NewDatabase());
        Console.WriteLine();
        Console.WriteLine("| database | steady-state campaign, send → last row stamped | ratio to SQLite |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SQLite | {sqlite.TotalSeconds:F1} s | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| PostgreSQL | {pg.TotalSeconds:F1} s | {pg / sqlite:F2} |"));
        return status | pgStatus;
    }

    private static async Task<(int Status, TimeSpan Steady)> RunOneAsync(string? postgres)
    {
        Console.WriteLine();
        Console.WriteLine(postgres is null ? "## SQLite" : "## PostgreSQL");
        var directory = Directory.CreateTempSubdirectory("portal-notice-bench-").FullName;
        await using var sink = await SmtpSink.StartAsync();
        try
        {
            await using var portal = new NoticePortal(directory, sink.Port, postgres);
            var recipients = await portal.RecipientsAsync();
            Console.WriteLine($"{recipients:N0} active people in the seeded workforce; aiosmtpd on 127.0.0.1:{sink.Port}; {Connections} connections each");

            // Both paths are warmed up first: a short MailKit loop, and a whole first campaign. The first campaign after
            // a start pays for the JIT's compiling and then recompiling (tiering up) the code of every batch and every
            // message — EF Core, Hangfire, MailKit and the portal's own — on these two shared cores. It is timed and
            // reported, but the figure compared is the steady state: the next campaign, as a portal that has been
            // running sends it.
            await PlainMailKitAsync(sink.Port, 5_000, "warm-up");
            var (coldElapsed, _, _, _, coldPeakLog) = await portal.SendAsync();

            // The baseline runs before and after the campaign, and the campaign is compared with their mean, so that
            // the machine drifting during the run (a shared 2-core VM) counts against neither.
            var j0 = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration());
            var g0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var server0 = sink.ProcessorTime;
            var before = await PlainMailKitAsync(sink.Port, recipients, "before");
            var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            var server1 = sink.ProcessorTime;
            var baselineReceived = sink.Received().Count;
            var g1 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            var j1 = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration());
            var (elapsed, peakWorkingSet, peakHeap, startHeap, peakLog) = await portal.SendAsync();
            var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            var server2 = sink.ProcessorTime;
            var portalReceived = sink.Received().Count - baselineReceived;
            var g2 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            var j2 = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration());
            var after = await PlainMailKitAsync(sink.Port, recipients, "after");

            var baselineRate = recipients / ((before + after) / 2).TotalSeconds;
            var portalRate = recipients / elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("| what | messages | seconds | messages a second | ratio to baseline (rate) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain MailKit loop, {Connections} connections, before | {recipients:N0} | {before.TotalSeconds:F1} | {recipients / before.TotalSeconds:N0} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain MailKit loop, {Connections} connections, after | {recipients:N0} | {after.TotalSeconds:F1} | {recipients / after.TotalSeconds:N0} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline (mean of the two) | | | {baselineRate:N0} | 1.00 |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| portal campaign, first after start (JIT included), send → last row stamped | {recipients:N0} | {coldElapsed.TotalSeconds:F1} | {recipients / coldElapsed.TotalSeconds:N0} | {recipients / coldElapsed.TotalSeconds / baselineRate:F2} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| portal campaign, steady state, send → last row stamped | {portalReceived:N0} | {elapsed.TotalSeconds:F1} | {portalRate:N0} | {portalRate / baselineRate:F2} |"));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"While the campaign sent: peak working set {peakWorkingSet / 1024 / 1024} MiB; managed heap {startHeap / 1024 / 1024} MiB before, {peakHeap / 1024 / 1024} MiB at its peak."));
            if (postgres is null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"SQLite's write-ahead log: at most {coldPeakLog / 1048576.0:F1} MiB during the first campaign, {peakLog / 1048576.0:F1} MiB during the steady-state one, {portal.LogBytes / 1048576.0:F1} MiB after both (database {portal.DatabaseBytes / 1048576.0:F0} MiB)."));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Allocated a message: baseline {(g1.Item4 - g0.Item4) / 1024.0 / recipients:F0} KiB, campaign {(g2.Item4 - g1.Item4) / 1024.0 / recipients:F0} KiB; gen 2 collections during the campaign: {g2.Item3 - g1.Item3}."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Processor time, this process / the SMTP server: baseline (before) {(cpu1 - cpu0).TotalSeconds:F1} s / {(server1 - server0).TotalSeconds:F1} s; campaign {(cpu2 - cpu1).TotalSeconds:F1} s / {(server2 - server1).TotalSeconds:F1} s."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Methods compiled / JIT time / GC pauses: baseline (before) {j1.Item1 - j0.Item1} / {(j1.Item2 - j0.Item2).TotalSeconds:F2} s / {(j1.Item3 - j0.Item3).TotalSeconds:F2} s; campaign {j2.Item1 - j1.Item1} / {(j2.Item2 - j1.Item2).TotalSeconds:F2} s / {(j2.Item3 - j1.Item3).TotalSeconds:F2} s; gen 0/1/2 collections: baseline {g1.Item1 - g0.Item1}/{g1.Item2 - g0.Item2}/{g1.Item3 - g0.Item3}, campaign {g2.Item1 - g1.Item1}/{g2.Item2 - g1.Item2}/{g2.Item3 - g1.Item3}."));
            return (portalReceived == recipients ? 0 : 1, elapsed);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The baseline: N tasks, each one MailKit connection (TCP NoDelay, as the portal's), sending its share in a loop.</summary>
    internal static async Task<TimeSpan> PlainMailKitAsync(int port, int count, string run, int? connections = null)
    {
        var n = connections ?? Connections;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, n).Select(async worker =>
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", port);
            using var client = new SmtpClient();
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
            for (var i = worker; i < count; i += n)
            {
                var message = new MimeMessage { Subject = "Warning: the card supplier breach", MessageId = $"baseline-{run}-{i}@bench" };
                message.From.Add(new MailboxAddress("Exposure Portal", "portal@force.example"));
                message.To.Add(MailboxAddress.Parse($"baseline-{run}-{i}@force.example"));
                message.Body = new TextPart("plain") { Text = $"Dear Person {i}, please sign in to the portal: http://localhost:5080/notices/1" };
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(true);
        }));
        return Stopwatch.GetElapsedTime(started);
    }

    private sealed class NoticePortal(string directory, int smtpPort, string? postgres) : WebApplicationFactory<Program>
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
            builder.UseSetting("Mail:Delivery", "Smtp");
            builder.UseSetting("Mail:Host", "127.0.0.1");
            builder.UseSetting("Mail:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Security", "None");
            builder.UseSetting("Notices:Parallelism", Connections.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Notices:ApprovalThreshold", "1000000");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }

        public async Task<int> RecipientsAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().People.CountAsync(p => p.Status == PersonStatus.Active);
        }

        /// <summary>The size of SQLite's write-ahead log now (0 on PostgreSQL).</summary>
        public long LogBytes => File.Exists(Path.Combine(directory, "portal.db-wal")) ? new FileInfo(Path.Combine(directory, "portal.db-wal")).Length : 0;

        public long DatabaseBytes => File.Exists(Path.Combine(directory, "portal.db")) ? new FileInfo(Path.Combine(directory, "portal.db")).Length : 0;

        /// <summary>
        /// Presses "send" to everyone active and waits for the last delivery row to be stamped, sampling memory (and, on
        /// SQLite, the write-ahead log's size) as it goes.
        /// </summary>
        public async Task<(TimeSpan Elapsed, long PeakWorkingSet, long PeakHeap, long StartHeap, long PeakLog)> SendAsync()
        {
            var actor = new Actor(null, "benchmark", null);
            int id;
            await using (var scope = Services.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<Campaigns>().CreateAsync(actor,
                    new CampaignDraft("Warning: the card supplier breach", "Dear ((given_name)), please sign in to the portal: ((notice_link))", null, AudienceKind.EveryoneActive, null, [], null));
            }

            GC.Collect();
            var startHeap = GC.GetTotalMemory(forceFullCollection: true);
            long peakWorkingSet = 0, peakHeap = 0, peakLog = 0;
            var pressed = DateTime.UtcNow;
            await using (var scope = Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Campaigns>().SendAsync(actor, id, 0, null);
            }

            while (true)
            {
                using var process = Process.GetCurrentProcess();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakLog = Math.Max(peakLog, LogBytes);
                await using var scope = Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                if (await db.NoticeCampaigns.AnyAsync(c => c.Id == id && c.Status == CampaignStatus.Completed))
                {
                    var last = await db.Deliveries.Where(d => d.CampaignId == id).MaxAsync(d => d.SentUtc);
                    return (last!.Value - pressed, peakWorkingSet, peakHeap, startHeap, peakLog);
                }

                await Task.Delay(100);
            }
        }
    }
}
