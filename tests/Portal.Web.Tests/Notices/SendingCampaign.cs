using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;

namespace Portal.Web.Tests.Notices;

/// <summary>A campaign already sending, as a node leaves it when "send" is pressed, for tests that run the portal as processes.</summary>
public static class SendingCampaign
{
    /// <summary>Adds <paramref name="people"/> active people and a campaign to all of them, in the sending state with its delivery rows written.</summary>
    public static async Task<int> PrepareAsync(string connectionString, int people)
    {
        await using var db = new PortalDbContext(TestProvider.Options(connectionString));
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < people; i++)
        {
            db.People.Add(NewPerson((700_000 + i).ToString(CultureInfo.InvariantCulture)));
        }

        var campaign = new NoticeCampaign { Subject = "Warning", BodyTemplate = "Dear ((given_name)), sign in: ((notice_link))", Audience = AudienceKind.EveryoneActive, Status = CampaignStatus.Sending, CreatedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow };
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await new CampaignAudience(db).WriteDeliveriesAsync(campaign, TestContext.Current.CancellationToken);
        return campaign.Id;
    }

    /// <summary>An active person with this pay number, for the tests that fill a database for a portal process.</summary>
    public static Person NewPerson(string pay) => new()
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
    };

    /// <summary>
    /// The environment of a portal process sending through the SMTP sink on <paramref name="smtpPort"/>, with its files in
    /// <paramref name="directory"/>. On PostgreSQL the shared job store outlives the process: what a killed node held
    /// comes back when its job's invisibility times out and the sweeper finds its rows stuck — here after seconds.
    /// </summary>
    public static Dictionary<string, string> NodeEnvironment(string directory, string connectionString, int smtpPort, int parallelism, int batchSize, int ratePerMinute)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__SqlitePath"] = Path.Combine(directory, "portal.db"),
            ["Imports__Directory"] = Path.Combine(directory, "imports"),
            ["Claims__ReceiptDirectory"] = Path.Combine(directory, "receipts"),
            ["Seed__Enabled"] = "false",
            ["Mail__Delivery"] = "Smtp",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Notices__Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Notices__BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Notices__RateLimitPerMinute"] = ratePerMinute.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in TestProvider.AuditSettings("__"))
        {
            environment[key] = value;
        }

        environment["Audit__CheckpointFile"] = Path.Combine(directory, "audit-checkpoints.log");
        if (TestProvider.IsPostgreSql)
        {
            environment["Database__Provider"] = "PostgreSql";
            environment["Database__ConnectionString"] = connectionString;
            environment["Jobs__InvisibilityTimeout"] = "00:00:05";
            environment["Notices__StuckAfter"] = "00:00:05";
            environment["Notices__SweepCron"] = "*/2 * * * * *";
        }

        return environment;
    }

    public static async Task<bool> IsCompletedAsync(string connectionString, int campaignId)
    {
        await using var db = new PortalDbContext(TestProvider.Options(connectionString));
        return await db.NoticeCampaigns.AnyAsync(c => c.Id == campaignId && c.Status == CampaignStatus.Completed);
    }

    /// <summary>Waits up to 90 s for the condition, failing at once if a node that should be running has exited.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, IReadOnlyList<PortalProcess> running, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            foreach (var node in running)
            {
                Assert.False(node.HasExited, $"A portal exited while waiting for {what}. Its last output:\n{node.LastOutput}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}. Last output:\n{string.Join("\n---\n", running.Select(n => n.LastOutput))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
