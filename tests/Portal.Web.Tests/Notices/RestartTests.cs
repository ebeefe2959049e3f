using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;

namespace Portal.Web.Tests.Notices;

/// <summary>The portal as a real process, killed in the middle of a campaign and started again.</summary>
public sealed class RestartTests
{
    private const int People = 400;
    private const int Parallelism = 2;

    [Fact]
    public async Task ProcessKilledMidCampaign_StartedAgain_EveryoneGetsTheNotice_TwiceOnlyIfInFlightAtTheKill()
    {
        await using var sink = await SmtpSink.StartAsync();
        var directory = Directory.CreateTempSubdirectory("portal-restart-").FullName;
        var connectionString = await TestProvider.CreateDatabaseAsync(directory);
        var campaignId = await PrepareAsync(connectionString);

        try
        {
            using (var first = StartPortal(directory, connectionString, sink.Port))
            {
                await WaitAsync(() => sink.Received().Count >= People / 4, first, "the first process to send a quarter");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var beforeRestart = sink.Received().Count;
            Assert.True(beforeRestart < People, "The campaign finished before the process could be killed.");
            await using (var check = NewContext(connectionString))
            {
                Assert.Equal(CampaignStatus.Sending, await check.NoticeCampaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync(TestContext.Current.CancellationToken));
            }

            using (var second = StartPortal(directory, connectionString, sink.Port))
            {
                await WaitAsync(async () =>
                {
                    await using var db = NewContext(connectionString);
                    return await db.NoticeCampaigns.AnyAsync(c => c.Id == campaignId && c.Status == CampaignStatus.Completed);
                }, second, "the second process to complete the campaign");
                second.Kill(entireProcessTree: true);
            }

            await using var after = NewContext(connectionString);
            var emails = await after.People.Select(p => p.Email).ToListAsync(TestContext.Current.CancellationToken);
            var received = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(emails.Order(), received.Keys.Order());
            var duplicates = received.Values.Sum() - People;
            var inFlight = Parallelism * Portal.Core.Notices.NoticeSender.MostUnrecorded;
            Assert.True(duplicates <= inFlight, $"{duplicates} people got it twice; at most the {inFlight} messages in flight at the kill may be repeated.");
            Assert.Equal(People, await after.Deliveries.CountAsync(d => d.CampaignId == campaignId && d.Status == DeliveryStatus.Sent, TestContext.Current.CancellationToken));
        }
        finally
        {
            await TestProvider.DropDatabaseAsync(connectionString);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static PortalDbContext NewContext(string connectionString) => new(TestProvider.Options(connectionString));

    /// <summary>A migrated database with the people and a campaign already sending, as the first process left it when "send" was pressed.</summary>
    private static async Task<int> PrepareAsync(string connectionString)
    {
        await using var db = NewContext(connectionString);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < People; i++)
        {
            var pay = (700_000 + i).ToString(CultureInfo.InvariantCulture);
            db.People.Add(new Person
            {
                PayNumber = pay,
                GivenName = "Given",
                FamilyName = "Family",
                RankOrGrade = "Constable",
                Unit = "Custody",
                WorkLocation = "Northgate",
                Email = $"p{pay}@force.example",
                EmailNormalised = $"p{pay}@force.example",
                Status = PersonStatus.Active,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            });
        }

        var campaign = new NoticeCampaign { Subject = "Warning", BodyTemplate = "Dear ((given_name)), sign in: ((notice_link))", Audience = AudienceKind.EveryoneActive, Status = CampaignStatus.Sending, CreatedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow };
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await new CampaignAudience(db).WriteDeliveriesAsync(campaign, TestContext.Current.CancellationToken);
        return campaign.Id;
    }

    private static Process StartPortal(string directory, string connectionString, int smtpPort)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__SqlitePath"] = Path.Combine(directory, "portal.db"),
            ["Imports__Directory"] = Path.Combine(directory, "imports"),
            ["Seed__Enabled"] = "false",
            ["Mail__Delivery"] = "Smtp",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Notices__Parallelism"] = Parallelism.ToString(CultureInfo.InvariantCulture),
            ["Notices__BatchSize"] = "50",
            // Slow enough to kill it part way through: 400 messages take about 12 seconds.
            ["Notices__RateLimitPerMinute"] = "2000",
        };
        if (TestProvider.IsPostgreSql)
        {
            // The shared job store outlives the process: what the killed one held comes back when its job's invisibility
            // times out and the sweeper finds its rows stuck, here after seconds rather than minutes.
            environment["Database__Provider"] = "PostgreSql";
            environment["Database__ConnectionString"] = connectionString;
            environment["Jobs__InvisibilityTimeout"] = "00:00:05";
            environment["Notices__StuckAfter"] = "00:00:05";
            environment["Notices__SweepCron"] = "*/2 * * * * *";
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Task WaitAsync(Func<bool> condition, Process process, string what) => WaitAsync(() => Task.FromResult(condition()), process, what);

    private static async Task WaitAsync(Func<Task<bool>> condition, Process process, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.False(process.HasExited, $"The portal exited (code {(process.HasExited ? process.ExitCode : 0)}) while waiting for {what}.");
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
