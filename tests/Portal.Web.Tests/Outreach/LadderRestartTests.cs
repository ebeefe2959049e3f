using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Testing;
using Portal.Web.Tests.Notices;

namespace Portal.Web.Tests.Outreach;

/// <summary>The ladder's recurring job in a real portal process, killed (kill -9) in the middle of a step and started again.</summary>
public sealed class LadderRestartTests
{
    private const int People = 400;

    [Fact]
    public async Task ProcessKilledMidStep_StartedAgain_EveryoneGetsTheReminderOnce_ExceptTheOneInHandAtTheKill()
    {
        await using var sink = await SmtpSink.StartAsync();
        var directory = Directory.CreateTempSubdirectory("portal-ladder-restart-").FullName;
        var connectionString = await TestProvider.CreateDatabaseAsync(directory);
        var campaignId = await SendingCampaign.PrepareAsync(connectionString, People);
        await using (var db = NewContext(connectionString))
        {
            // Sent to everyone two hours ago, with a reminder due after one.
            var sent = DateTime.UtcNow.AddHours(-2);
            await db.Deliveries.Where(d => d.CampaignId == campaignId).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentUtc, sent), TestContext.Current.CancellationToken);
            await db.NoticeCampaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.ReminderAfterHours, 1), TestContext.Current.CancellationToken);
        }

        try
        {
            using (var first = StartPortal(directory, connectionString, sink.Port))
            {
                await SendingCampaign.WaitAsync(() => Task.FromResult(Reminders(sink).Count >= People / 4), [first], "the first process to send a quarter of the reminders");
                first.Kill();
            }

            var beforeRestart = Reminders(sink).Count;
            Assert.True(beforeRestart < People, "The ladder finished before the process could be killed.");

            using (var second = StartPortal(directory, connectionString, sink.Port))
            {
                await SendingCampaign.WaitAsync(async () =>
                {
                    await using var db = NewContext(connectionString);
                    return await db.Escalations.CountAsync(e => e.CampaignId == campaignId && e.Status == EscalationStatus.Done) == People;
                }, [second], "the second process to finish the reminders");
            }

            await using var after = NewContext(connectionString);
            var emails = await after.People.Select(p => p.Email).ToListAsync(TestContext.Current.CancellationToken);
            var received = Reminders(sink).GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(emails.Order(), received.Keys.Order());
            var repeated = received.Values.Sum() - People;
            Assert.True(repeated <= LadderJob.MostRepeated, $"{repeated} people got the reminder twice; at most the {LadderJob.MostRepeated} in hand at the kill may be.");
            Assert.Equal(People, await after.Escalations.CountAsync(e => e.CampaignId == campaignId, TestContext.Current.CancellationToken));
        }
        finally
        {
            await TestProvider.DropDatabaseAsync(connectionString);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<(string Recipient, string MessageId)> Reminders(SmtpSink sink) =>
        [.. sink.Received().Where(r => r.MessageId.Contains("reminder-", StringComparison.Ordinal))];

    private static PortalDbContext NewContext(string connectionString) => new(TestProvider.Options(connectionString));

    // 400 reminders at 2,000 a minute take about 12 seconds: long enough to kill the process part way through.
    private static PortalProcess StartPortal(string directory, string connectionString, int smtpPort)
    {
        var environment = SendingCampaign.NodeEnvironment(directory, connectionString, smtpPort, parallelism: 1, batchSize: 50, ratePerMinute: 2000);
        environment["Notices__LadderCron"] = "*/2 * * * * *";
        environment["Notices__StuckAfter"] = "00:00:05";
        return PortalProcess.Start(environment);
    }
}
