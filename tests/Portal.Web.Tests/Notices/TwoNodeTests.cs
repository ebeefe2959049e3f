using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Testing;

namespace Portal.Web.Tests.Notices;

/// <summary>
/// Two portal processes against one PostgreSQL database, sharing one Hangfire queue, and one SMTP server on loopback:
/// as a force runs it behind a load balancer. These need PostgreSQL, so test.sh runs them in its PostgreSQL pass only.
/// </summary>
[Trait("Category", "TwoNodes")]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private const int People = 600;
    private const int Parallelism = 2;
    private readonly string directory = Directory.CreateTempSubdirectory("portal-nodes-").FullName;
    private string connectionString = "";

    public async ValueTask InitializeAsync()
    {
        Assert.True(TestProvider.IsPostgreSql, "Several nodes need PostgreSQL: run with PORTAL_TEST_PROVIDER=PostgreSql and PORTAL_TEST_POSTGRES set (./test.sh does).");
        connectionString = await TestProvider.CreateDatabaseAsync(directory);
    }

    public async ValueTask DisposeAsync()
    {
        await TestProvider.DropDatabaseAsync(connectionString);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ACampaign_IsSharedByBothNodes_AndEveryoneGetsExactlyOneMessage()
    {
        await using var sink = await SmtpSink.StartAsync();
        using var a = StartNode("a", sink.Port);
        using var b = StartNode("b", sink.Port);
        await Task.WhenAll(a.AddressAsync(), b.AddressAsync());

        var campaignId = await SendingCampaign.PrepareAsync(connectionString, People);
        await SendingCampaign.WaitAsync(() => SendingCampaign.IsCompletedAsync(connectionString, campaignId), [a, b], "the two nodes to complete the campaign");

        var received = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(await EmailsAsync(), received.Keys.Order());
        Assert.All(received, r => Assert.Equal(1, r.Value));
        var servers = await ServersThatSentBatchesAsync();
        Assert.True(servers.Select(s => s.Split(':')[0]).Distinct().Count() == 2, $"Only these servers sent batches: {string.Join(", ", servers)}");
    }

    [Fact]
    public async Task OneNodeKilledMidCampaign_TheOtherFinishesIt_AndNoOneIsMissed()
    {
        await using var sink = await SmtpSink.StartAsync();
        using var a = StartNode("a", sink.Port);
        using var b = StartNode("b", sink.Port);
        await Task.WhenAll(a.AddressAsync(), b.AddressAsync());

        var campaignId = await SendingCampaign.PrepareAsync(connectionString, People);
        await SendingCampaign.WaitAsync(() => Task.FromResult(sink.Received().Count >= People / 4), [a, b], "a quarter to be sent");
        a.Kill();
        Assert.True(sink.Received().Count < People, "The campaign finished before a node could be killed.");
        await SendingCampaign.WaitAsync(() => SendingCampaign.IsCompletedAsync(connectionString, campaignId), [b], "the surviving node to complete the campaign");

        var received = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(await EmailsAsync(), received.Keys.Order());
        var duplicates = received.Values.Sum() - People;
        var inFlight = Parallelism * Portal.Core.Jobs.NoticeBatchJob.MostUnrecorded;
        Assert.True(duplicates <= inFlight, $"{duplicates} people got it twice; at most the {inFlight} messages the killed node had in flight may be repeated.");
    }

    [Fact]
    public async Task ASignInCookieFromNodeA_IsAcceptedByNodeB()
    {
        await using (var db = new PortalDbContext(TestProvider.Options(connectionString)))
        {
            db.People.Add(new Person
            {
                PayNumber = "654321",
                GivenName = "Morgan",
                FamilyName = "Two-Nodes",
                RankOrGrade = "Sergeant",
                Unit = "Custody",
                WorkLocation = "Northgate",
                Email = "morgan.two-nodes@force.example",
                EmailNormalised = "morgan.two-nodes@force.example",
                Status = PersonStatus.Active,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var a = StartNode("a", smtpPort: null);
        using var b = StartNode("b", smtpPort: null);
        var (addressA, addressB) = (await a.AddressAsync(), await b.AddressAsync());

        // Cookies belong to a host, not a port: one browser's cookie jar sends what node A set to node B.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browserOnA = new HttpClient(handler, disposeHandler: false) { BaseAddress = addressA };
        using var browserOnB = new HttpClient(handler, disposeHandler: false) { BaseAddress = addressB };
        var signedIn = await DevSignInTests.SignInAsPayNumberAsync(browserOnA, "654321");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = await browserOnB.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Two-Nodes", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>
    /// A node as deployed: PostgreSQL and the shared job store, its own home folder (so no key ring can be shared but the
    /// database's), and what a dead node held coming back after seconds rather than minutes.
    /// </summary>
    /// <param name="smtpPort">The SMTP sink's port; null for a node that writes mail to a folder instead.</param>
    private PortalProcess StartNode(string name, int? smtpPort)
    {
        var home = Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
        // About 10 seconds for the campaign on two nodes: long enough to kill one part way through.
        var environment = SendingCampaign.NodeEnvironment(home, connectionString, smtpPort ?? 25, Parallelism, batchSize: 25, ratePerMinute: 1800);
        environment["HOME"] = home;
        environment["Jobs__ServerName"] = $"node-{name}";
        if (smtpPort is null)
        {
            environment["Mail__Delivery"] = "Pickup";
            environment["Mail__PickupDirectory"] = Path.Combine(home, "mail");
        }

        return PortalProcess.Start(environment);
    }

    private async Task<List<string>> EmailsAsync()
    {
        await using var db = new PortalDbContext(TestProvider.Options(connectionString));
        return await db.People.Select(p => p.Email).OrderBy(e => e).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The Hangfire servers that processed a batch of the campaign, from Hangfire's own record of job states.</summary>
    private async Task<List<string>> ServersThatSentBatchesAsync()
    {
        await using var db = new PortalDbContext(TestProvider.Options(connectionString));
        return await db.Database.SqlQueryRaw<string>(
            "SELECT DISTINCT s.data::jsonb ->> 'ServerId' AS \"Value\" FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid " +
            "WHERE s.name = 'Processing' AND j.invocationdata::jsonb ->> 'Method' = 'SendBatchAsync'").ToListAsync(TestContext.Current.CancellationToken);
    }
}
