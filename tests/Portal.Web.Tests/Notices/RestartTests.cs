using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
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
                first.Kill();
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
            }

            await using var after = NewContext(connectionString);
            var emails = await after.People.Select(p => p.Email).ToListAsync(TestContext.Current.CancellationToken);
            var received = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(emails.Order(), received.Keys.Order());
            var duplicates = received.Values.Sum() - People;
            var inFlight = Parallelism * Portal.Core.Jobs.NoticeBatchJob.MostUnrecorded;
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

    private static Task<int> PrepareAsync(string connectionString) => SendingCampaign.PrepareAsync(connectionString, People);

    // Slow enough to kill it part way through: 400 messages take about 12 seconds.
    private static PortalProcess StartPortal(string directory, string connectionString, int smtpPort) =>
        PortalProcess.Start(SendingCampaign.NodeEnvironment(directory, connectionString, smtpPort, Parallelism, batchSize: 50, ratePerMinute: 2000));

    private static Task WaitAsync(Func<bool> condition, PortalProcess process, string what) => SendingCampaign.WaitAsync(() => Task.FromResult(condition()), [process], what);

    private static Task WaitAsync(Func<Task<bool>> condition, PortalProcess process, string what) => SendingCampaign.WaitAsync(condition, [process], what);
}
