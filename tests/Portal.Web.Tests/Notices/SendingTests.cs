using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Notices;

/// <summary>Campaigns sent through Hangfire to a real SMTP server on loopback, and the faults they must survive.</summary>
public sealed class SendingTests
{
    [Fact]
    public async Task Send_ToEveryone_EachActivePersonGetsExactlyOneMessage()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink);
        var people = await factory.Data.CreatePeopleAsync(300);
        await factory.Data.CreatePersonAsync(p => p.Status = PersonStatus.Leaver);

        var id = await factory.SendToEveryoneAsync();
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal((300, 300, 0), (progress.Total, progress.Sent, progress.FailedPermanent));
        var received = sink.Received();
        Assert.Equal(people.Select(p => p.Email).Order(), received.Select(r => r.Recipient).Order());
        Assert.Equal(300, received.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Send_SomeAddressesRejectedPermanently_ThoseAreReportedWithTheReason_EveryoneElseDelivered()
    {
        await using var sink = await SmtpSink.StartAsync(reject: "^gone");
        await using var factory = NoticeHost.For(sink);
        var people = await factory.Data.CreatePeopleAsync(120, (p, i) => p.Email = i % 10 == 0 ? $"gone{p.PayNumber}@force.example" : p.Email);

        var id = await factory.SendToEveryoneAsync();
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal((120, 108, 12), (progress.Total, progress.Sent, progress.FailedPermanent));
        Assert.Equal(people.Where(p => !p.Email.StartsWith("gone", StringComparison.Ordinal)).Select(p => p.Email).Order(), sink.Received().Select(r => r.Recipient).Order());
        await using var scope = factory.Services.CreateAsyncScope();
        var failures = await scope.ServiceProvider.GetRequiredService<CampaignReports>().FailuresAsync(id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(12, failures.Count);
        Assert.All(failures, f => Assert.Equal((DeliveryStatus.FailedPermanent, 1), (f.Status, f.Attempts)));
        Assert.All(failures, f => Assert.StartsWith("550", f.Reason, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Contains("User unknown", f.Reason, StringComparison.Ordinal));
        // Finished, it keeps how many it sent, which the list of notices shows without counting its rows.
        Assert.Equal(108, await scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>().NoticeCampaigns
            .Where(c => c.Id == id).Select(c => c.SentCount).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Send_AddressRefusedForNow_IsRetriedWithBackoff_ThenGivenUpAfterMaxAttempts()
    {
        await using var sink = await SmtpSink.StartAsync(defer: "^busy");
        await using var factory = NoticeHost.For(sink, ("Notices:MaxAttempts", "3"));
        await factory.Data.CreatePeopleAsync(40, (p, i) => p.Email = i == 7 ? "busy@force.example" : p.Email);

        var id = await factory.SendToEveryoneAsync();
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal((39, 1), (progress.Sent, progress.FailedPermanent));
        var busy = Assert.Single(await factory.DeliveriesAsync(id), d => d.Status == DeliveryStatus.FailedPermanent);
        Assert.Equal(3, busy.Attempts);
        Assert.StartsWith("Gave up after 3 attempts. Last reply: 450", busy.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelayDownLongerThanAnyRetryWait_SendingResumesWithinSecondsOfItsReturn_AndEveryoneGetsOne()
    {
        await using var sink = await SmtpSink.StartAsync();
        // A retry wait of ten minutes: sending must come back with the relay, not with a retry.
        await using var factory = NoticeHost.For(sink, ("Notices:RateLimitPerMinute", "6000"), ("Notices:RetryDelaysSeconds:0", "600"));
        var people = await factory.Data.CreatePeopleAsync(300);

        var id = await factory.SendToEveryoneAsync();
        await NoticeHost.WaitForAsync(() => Task.FromResult(sink.Received().Count), n => n >= 60);
        await sink.StopAsync();
        // Down for longer than a probe interval, so that the portal has asked and been refused more than once.
        await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
        var whileDown = await factory.ProgressAsync(id);
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var pageWhileDown = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", TestContext.Current.CancellationToken));
        var before = sink.Received().Count;
        await sink.StartAgainAsync();

        await NoticeHost.WaitForAsync(() => Task.FromResult(sink.Received().Count), n => n > before, TimeSpan.FromSeconds(12));
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        var pageAfter = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", TestContext.Current.CancellationToken));

        Assert.Contains("mail relay cannot be reached", pageWhileDown.QuerySelector("[data-testid='relay-away']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Null(pageAfter.QuerySelector("[data-testid='relay-away']"));

        Assert.True(whileDown.Sent < 300, $"The relay went down too late to test anything: {whileDown}");
        Assert.Equal((0, 0), (whileDown.FailedPermanent, whileDown.Sending));
        Assert.Equal((300, 0), (progress.Sent, progress.FailedPermanent));
        var perRecipient = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(people.Select(p => p.Email).Order(), perRecipient.Keys.Order());
        // Only a message the relay was taking when it went down can arrive twice: at most one per connection.
        Assert.True(perRecipient.Values.Sum() - 300 <= 2 * Portal.Core.Jobs.NoticeBatchJob.MostUnrecorded, $"{perRecipient.Values.Sum() - 300} duplicates");
    }

    [Fact]
    public async Task RelayRestartedSinceTheLastBatch_ItsDeadPooledConnectionsAreReplaced_AndTheNextCampaignGoesAtOnce()
    {
        await using var sink = await SmtpSink.StartAsync();
        // Neither a retry nor the relay watch could finish the second campaign in time: only replacing the connections can.
        await using var factory = NoticeHost.For(sink, ("Notices:RetryDelaysSeconds:0", "600"), ("Notices:RelayProbeInterval", "00:05:00"));
        var people = await factory.Data.CreatePeopleAsync(200);
        var first = await factory.SendToEveryoneAsync("The first notice");
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(first), p => p.Status == CampaignStatus.Completed);

        // Restarted well within the 30 s after which an idle connection is checked before use.
        await sink.StopAsync();
        await sink.StartAgainAsync();
        var second = await factory.SendToEveryoneAsync("The second notice");
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(second), p => p.Status == CampaignStatus.Completed, TimeSpan.FromSeconds(20));

        Assert.Equal((200, 0), (progress.Sent, progress.FailedPermanent));
        var perRecipient = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(people.Select(p => p.Email).Order(), perRecipient.Keys.Order());
        Assert.All(perRecipient.Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public async Task TheNodeStopping_WhileTheRelayConfirmsAMessage_RecordsItSent_SoTheNextNodeDoesNotSendItAgain()
    {
        await using var sink = await SmtpSink.StartAsync(slow: "^slow");
        await using var first = NoticeHost.For(sink);
        await first.Data.CreatePersonAsync(p => p.Email = "slow.reader@force.example");
        var id = await first.SendToEveryoneAsync();

        // The relay has the message and takes two seconds to say so; meanwhile the node is told to stop, which
        // cancels its jobs. Had the handover been cancelled, the row would go back as unsent for the next node.
        await NoticeHost.WaitForAsync(() => Task.FromResult(sink.Received().Count), n => n == 1);
        var lifetime = first.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // The next node, on the same database, takes up what the first left.
        await using var second = new PortalFactory { SameDatabaseAs = first }.SendingThrough(sink);
        var progress = await NoticeHost.WaitForAsync(() => second.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal(1, progress.Sent);
        Assert.Single(sink.Received());
    }

    [Fact]
    public async Task PauseThenResume_StopsSending_ThenEveryoneGetsExactlyOne()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink, ("Notices:RateLimitPerMinute", "6000"));
        var people = await factory.Data.CreatePeopleAsync(300);
        var id = await factory.SendToEveryoneAsync();
        await NoticeHost.WaitForAsync(() => Task.FromResult(sink.Received().Count), n => n >= 30);

        await ActAsync(factory, id, (c, version) => c.PauseAsync(NoticeHost.Admin, id, version));
        var paused = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Sending == 0);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var later = await factory.ProgressAsync(id);

        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.True(paused.Sent < 300, $"Paused too late: {paused}");
        Assert.Equal(paused.Sent, later.Sent);
        Assert.Equal(paused.Sent, sink.Received().Count);
        Assert.Equal(300, paused.Sent + paused.Pending + paused.WaitingToRetry + paused.FailedPermanent);

        await ActAsync(factory, id, (c, version) => c.ResumeAsync(NoticeHost.Admin, id, version));
        var done = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal(300, done.Sent);
        Assert.Equal(people.Select(p => p.Email).Order(), sink.Received().Select(r => r.Recipient).Order());
    }

    [Fact]
    public async Task Cancel_WhileSending_SentStaySent_TheRestAreCancelled_AndCountsAddUp()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink, ("Notices:RateLimitPerMinute", "6000"));
        await factory.Data.CreatePeopleAsync(300);
        var id = await factory.SendToEveryoneAsync();
        await NoticeHost.WaitForAsync(() => Task.FromResult(sink.Received().Count), n => n >= 30);

        await ActAsync(factory, id, (c, version) => c.CancelAsync(NoticeHost.Admin, id, version));
        var cancelled = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Sending == 0 && p.Pending == 0);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        Assert.Equal(CampaignStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.Cancelled > 0, $"Cancelled too late: {cancelled}");
        Assert.Equal(300, cancelled.Sent + cancelled.Cancelled);
        Assert.Equal(cancelled.Sent, sink.Received().Count);
        Assert.Equal(cancelled.Sent, sink.Received().Select(r => r.Recipient).Distinct().Count());
    }

    [Fact]
    public async Task Sweeper_PutsBackRowsLeftSendingByAProcessThatDied_AndTheyAreSent()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink, ("Notices:StuckAfter", "00:00:05"));
        var people = await factory.Data.CreatePeopleAsync(30);
        var id = await factory.SendToEveryoneAsync();
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // As another node would leave them had it died holding them: claimed ten minutes ago, never stamped.
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var abandoned = people.Take(5).Select(p => p.Id).ToList();
            await db.Deliveries.Where(d => d.CampaignId == id && abandoned.Contains(d.PersonId)).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.ClaimToken, "dead-node").SetProperty(d => d.ClaimedUtc, DateTime.UtcNow.AddMinutes(-10)), TestContext.Current.CancellationToken);
            await db.NoticeCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Sending), TestContext.Current.CancellationToken);

            await scope.ServiceProvider.GetRequiredService<Portal.Core.Jobs.DeliverySweepJob>().SweepAsync(TestContext.Current.CancellationToken);
        }

        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Equal(30, progress.Sent);
        var perRecipient = sink.Received().GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(people.Take(5), p => Assert.Equal(2, perRecipient[p.Email]));
        Assert.All(people.Skip(5), p => Assert.Equal(1, perRecipient[p.Email]));
    }

    private static async Task ActAsync(PortalFactory factory, int id, Func<Campaigns, int, Task> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
        var version = db.NoticeCampaigns.Where(c => c.Id == id).Select(c => c.Version).Single();
        await action(scope.ServiceProvider.GetRequiredService<Campaigns>(), version);
    }
}
