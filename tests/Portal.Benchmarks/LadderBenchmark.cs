using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Core.Notices;
using Portal.Core.Outreach;
using Portal.Testing;

/// <summary>
/// The escalation ladder. <c>ladder</c>: choosing who a step has fallen due for among all 47,000 and writing their rows
/// (one INSERT … SELECT), against writing a campaign's 47,000 delivery rows (the same shape of statement) in the same
/// run, on SQLite and with <c>--postgresql</c> on PostgreSQL. <c>texts</c>: the ladder's text step sending through a
/// real Kannel (tests/kannel/kannel.sh) against a plain HTTP loop to the same Kannel, in the same run.
/// </summary>
internal static class LadderBenchmark
{
    private const int Runs = 3;
    private static readonly Actor Bench = new(null, "benchmark", null);

    public static async Task<int> RunDueAsync(string[] args)
    {
        SetContentRoot();
        await DueAsync(null);
        if (args.Contains("--postgresql"))
        {
            using var postgres = BenchPostgres.Start();
            await DueAsync(postgres.NewDatabase());
        }

        return 0;
    }

    private static async Task DueAsync(string? postgres)
    {
        Console.WriteLine();
        Console.WriteLine(postgres is null ? "## SQLite" : "## PostgreSQL");
        var directory = Directory.CreateTempSubdirectory("portal-ladder-bench-").FullName;
        try
        {
            await using var portal = new LadderPortal(directory, postgres, seed: true, null, null);
            var campaign = await SentToEveryoneAsync(portal, "Ladder", new LadderDraft("1", null, null, null));
            var people = await DbAsync(portal, db => db.Deliveries.CountAsync(d => d.CampaignId == campaign.Id));
            // A tenth have confirmed: the choice must leave them out.
            await DbAsync(portal, db => db.Database.ExecuteSqlAsync(
                $"INSERT INTO acknowledgements (campaign_id, person_id, acknowledged_utc) SELECT campaign_id, person_id, sent_utc FROM deliveries WHERE campaign_id = {campaign.Id} AND person_id % 10 = 0"));
            Console.WriteLine($"{people:N0} people sent the notice two hours ago; a tenth of them confirmed; best of {Runs} runs after a warm-up");

            var baseline = await BestAsync(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await ScopedAsync(portal, s => s.GetRequiredService<CampaignAudience>().WriteDeliveriesAsync(new NoticeCampaign
                {
                    Id = campaign.BaselineId, Subject = "", BodyTemplate = "", Audience = AudienceKind.EveryoneActive,
                }));
                var elapsed = Stopwatch.GetElapsedTime(started);
                await DbAsync(portal, db => db.Deliveries.Where(d => d.CampaignId == campaign.BaselineId).ExecuteDeleteAsync());
                return elapsed;
            });
            var written = 0;
            var due = await BestAsync(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                written = await ScopedAsync(portal, s => s.GetRequiredService<LadderDue>().WriteAsync(campaign.Campaign, DateTime.UtcNow, CancellationToken.None));
                var elapsed = Stopwatch.GetElapsedTime(started);
                await DbAsync(portal, db => db.Escalations.ExecuteDeleteAsync());
                return elapsed;
            });

            Console.WriteLine();
            Console.WriteLine("| what | rows | time | ratio to baseline |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| a campaign's delivery rows for everyone active (baseline) | {people:N0} | {baseline.TotalMilliseconds:F0} ms | 1.00 |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| who the reminder is due for, and their ladder rows | {written:N0} | {due.TotalMilliseconds:F0} ms | {due / baseline:F2} |"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    public static async Task<int> RunTextsAsync(string[] args)
    {
        SetContentRoot();
        var count = args.SkipWhile(a => a != "--texts").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(500).First();
        var directory = Directory.CreateTempSubdirectory("portal-texts-bench-").FullName;
        await using var centre = await SmsCentre.StartAsync();
        using var reports = new HttpListener();
        var reportAddress = $"http://127.0.0.1:{FreePort()}/";
        reports.Prefixes.Add(reportAddress);
        reports.Start();
        // The delivery reports Kannel sends back are answered at once, for both, so that neither waits on them.
        _ = Task.Run(async () =>
        {
            while (reports.IsListening)
            {
                try
                {
                    var context = await reports.GetContextAsync();
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });

        try
        {
            await using var portal = new LadderPortal(directory, null, seed: false, centre.SendSmsUrl, reportAddress.TrimEnd('/'));
            var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Texts.MobileNumber.v1");
            await DbAsync(portal, async db =>
            {
                for (var i = 0; i < count; i++)
                {
                    var pay = (800_000 + i).ToString(CultureInfo.InvariantCulture);
                    db.People.Add(new Person
                    {
                        PayNumber = pay, GivenName = "Given", FamilyName = "Family" + pay, RankOrGrade = "Constable", Unit = "Custody", WorkLocation = "Northgate",
                        Email = $"p{pay}@force.example", EmailNormalised = $"p{pay}@force.example", Status = PersonStatus.Active, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
                    });
                }

                await db.SaveChangesAsync();
                var ids = await db.People.Select(p => p.Id).ToListAsync();
                db.MobileNumbers.AddRange(ids.Select((id, i) => new MobileNumber
                {
                    PersonId = id, NumberProtected = protector.Protect(string.Create(CultureInfo.InvariantCulture, $"4477009{i:D5}")), Ending = "000", ConfirmedUtc = DateTime.UtcNow,
                }));
                return await db.SaveChangesAsync();
            });

            Console.WriteLine($"{count:N0} texts each way through Kannel (bearerbox, smsbox, fakesmsc) on loopback; one at a time, as the portal sends them");
            await PlainLoopAsync(centre.SendSmsUrl, 50, reportAddress, "warm-up");
            var warm = await SentToEveryoneAsync(portal, "Warm-up", new LadderDraft(null, "1", null, null));
            await RunTextStepAsync(portal, warm.Campaign);

            var before = await PlainLoopAsync(centre.SendSmsUrl, count, reportAddress, "before");
            var campaign = await SentToEveryoneAsync(portal, "Texts", new LadderDraft(null, "1", null, null));
            var portalTime = await RunTextStepAsync(portal, campaign.Campaign);
            var after = await PlainLoopAsync(centre.SendSmsUrl, count, reportAddress, "after");
            var sent = await DbAsync(portal, db => db.TextMessages.CountAsync(t => t.CampaignId == campaign.Id && t.Status != TextMessageStatus.Failed));

            var baselineRate = count / ((before + after) / 2).TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("| what | texts | seconds | texts a second | ratio to baseline (rate) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain HTTP loop to sendsms, before | {count:N0} | {before.TotalSeconds:F1} | {count / before.TotalSeconds:F1} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain HTTP loop to sendsms, after | {count:N0} | {after.TotalSeconds:F1} | {count / after.TotalSeconds:F1} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline (mean of the two) | | | {baselineRate:F1} | 1.00 |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the ladder's text step (claim, number, text row, send, stamp) | {sent:N0} | {portalTime.TotalSeconds:F1} | {sent / portalTime.TotalSeconds:F1} | {sent / portalTime.TotalSeconds / baselineRate:F2} |"));
            return sent == count ? 0 : 1;
        }
        finally
        {
            reports.Stop();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Makes the campaign's text step due for everyone it was sent to, then runs the ladder job once.</summary>
    private static async Task<TimeSpan> RunTextStepAsync(LadderPortal portal, NoticeCampaign campaign)
    {
        await ScopedAsync(portal, s => s.GetRequiredService<LadderDue>().WriteAsync(campaign, DateTime.UtcNow, CancellationToken.None));
        var started = Stopwatch.GetTimestamp();
        await ScopedAsync(portal, s => s.GetRequiredService<LadderJob>().RunAsync(CancellationToken.None));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The baseline: one HTTP connection, one sendsms request after another, with the same parameters the portal sends.</summary>
    private static async Task<TimeSpan> PlainLoopAsync(string sendsms, int count, string reports, string run)
    {
        using var http = new HttpClient();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var query = string.Join('&', new (string, string)[]
            {
                ("username", SmsCentre.Username), ("password", SmsCentre.Password), ("from", "Northshire"), ("to", string.Create(CultureInfo.InvariantCulture, $"4477008{i:D5}")),
                ("text", "Northshire Police: there is news for you in the Exposure Portal. Sign in to read it: http://localhost:5080/"), ("charset", "UTF-8"), ("coding", "0"),
                ("dlr-mask", "27"), ("dlr-url", string.Create(CultureInfo.InvariantCulture, $"{reports}texts/report?m={run}{i}&t=x&status=%d&answer=%A")),
            }.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
            using var response = await http.GetAsync(sendsms + "?" + query);
            response.EnsureSuccessStatusCode();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>A campaign with this ladder, as if it had been sent to everyone active two hours ago.</summary>
    private static async Task<(int Id, int BaselineId, NoticeCampaign Campaign)> SentToEveryoneAsync(LadderPortal portal, string subject, LadderDraft ladder)
    {
        int id = 0, baseline = 0;
        await ScopedAsync(portal, async s =>
        {
            var campaigns = s.GetRequiredService<Campaigns>();
            id = await campaigns.CreateAsync(Bench, new CampaignDraft(subject, "Dear ((given_name)), please sign in: ((notice_link))", null, AudienceKind.EveryoneActive, null, [], null, ladder));
            baseline = await campaigns.CreateAsync(Bench, new CampaignDraft(subject + " (baseline)", "Dear ((given_name)), ((notice_link))", null, AudienceKind.EveryoneActive, null, [], null));
            var db = s.GetRequiredService<PortalDbContext>();
            var campaign = await db.NoticeCampaigns.SingleAsync(c => c.Id == id);
            await s.GetRequiredService<CampaignAudience>().WriteDeliveriesAsync(campaign);
            var sent = DateTime.UtcNow.AddHours(-2);
            await db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentUtc, sent));
            await db.NoticeCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.StartedUtc, sent));
            return 0;
        });
        var stored = await DbAsync(portal, db => db.NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == id));
        return (id, baseline, stored);
    }

    private static async Task<TimeSpan> BestAsync(Func<Task<TimeSpan>> run)
    {
        await run();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < Runs; i++)
        {
            var elapsed = await run();
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }

    private static async Task<T> ScopedAsync<T>(LadderPortal portal, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static Task<T> DbAsync<T>(LadderPortal portal, Func<PortalDbContext, Task<T>> query) =>
        ScopedAsync(portal, s => query(s.GetRequiredService<PortalDbContext>()));

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static void SetContentRoot()
    {
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run this from the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_WEB", Path.Combine(root, "src", "Portal.Web"));
    }

    private sealed class LadderPortal(string directory, string? postgres, bool seed, string? kannel, string? portalUrl) : WebApplicationFactory<Program>
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

            builder.UseSetting("Seed:Enabled", seed ? "true" : "false");
            builder.UseSetting("Seed:SupportRequests", "0");
            builder.UseSetting("Seed:Directory", Path.Combine(directory, "seed"));
            builder.UseSetting("Mail:PickupDirectory", Path.Combine(directory, "mail"));
            builder.UseSetting("Notices:ApprovalThreshold", "1000000");
            builder.UseSetting("Notices:LadderCron", "0 0 31 2 *");
            if (kannel is not null)
            {
                builder.UseSetting("Texts:Delivery", "Kannel");
                builder.UseSetting("Texts:KannelUrl", kannel);
                builder.UseSetting("Texts:Username", SmsCentre.Username);
                builder.UseSetting("Texts:Password", SmsCentre.Password);
                builder.UseSetting("Notices:PortalUrl", portalUrl);
            }

            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
