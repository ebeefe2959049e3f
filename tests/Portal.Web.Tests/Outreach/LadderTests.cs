using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Core.Notices;
using Portal.Core.Texts;
using Portal.Testing;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Portal.Web.Tests.Outreach;

/// <summary>
/// A campaign's escalation ladder, worked by its job against a real SMTP server and a real Kannel gateway: a reminder,
/// a text to those with a mobile, a letter, a welfare call; each to those who have not confirmed, once.
/// </summary>
public sealed partial class LadderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A portal sending mail through <paramref name="sink"/> and texts through <paramref name="centre"/>, whose delivery reports come back through <paramref name="forwarder"/>.</summary>
    private static PortalFactory Portal(SmtpSink sink, SmsCentre centre, LoopbackForwarder forwarder, PortalFactory factory)
    {
        factory.SendingThrough(sink).TextingThrough(centre);
        factory.Settings["Notices:PortalUrl"] = forwarder.Address;
        // The tests run the ladder themselves, at the moments they choose.
        factory.Settings["Notices:LadderCron"] = "0 0 31 2 *";
        return factory;
    }

    private static async Task<int> SendWithLadderAsync(PortalFactory factory, LadderDraft ladder)
    {
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<Campaigns>();
            id = await campaigns.CreateAsync(NoticeHost.Admin, new CampaignDraft("Card supplier breach", "Dear ((given_name)), please sign in: ((notice_link))", null, AudienceKind.EveryoneActive, null, [], null, ladder), Cancel);
            await campaigns.SendAsync(NoticeHost.Admin, id, 0, null, Cancel);
        }

        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        return id;
    }

    /// <summary>As if the notice had been sent this many hours ago.</summary>
    private static Task<int> SentHoursAgoAsync(PortalFactory factory, int id, double hours) =>
        DbAsync(factory, db => db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.SentUtc, DateTime.UtcNow.AddHours(-hours)), Cancel));

    private static async Task<LadderRun> RunLadderAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LadderJob>().RunAsync(Cancel);
    }

    private static async Task<T> DbAsync<T>(PortalFactory factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static async Task RegisterMobileAsync(HttpClient client, SmsCentre centre, string number)
    {
        var before = centre.Received().Count;
        await client.SubmitAsync("/me/contact", "/me/contact?handler=SendCode", ("Number", number));
        var code = SixDigits().Match((await centre.WaitForAsync(before + 1))[^1].Text).Value;
        await client.SubmitAsync("/me/contact/confirm", "/me/contact/confirm", ("Code", code));
    }

    [Fact]
    public async Task TheLadder_RemindsThenTextsThenWritesThenCalls_OnlyThoseWhoHaveNotConfirmed_EachStepOnce()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var centre = await SmsCentre.StartAsync();
        PortalFactory? portal = null;
        await using var forwarder = new LoopbackForwarder(() => portal!.AnonymousClient());
        await using var factory = portal = Portal(sink, centre, forwarder, new PortalFactory());
        var reader = await factory.Data.CreatePersonAsync(p => p.GivenName = "Reader");
        var texted = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName, p.RankOrGrade, p.Unit, p.WorkLocation) = ("Thị Minh", "Nguyễn", "Sergeant", "Roads Policing", "Eastgate Police Station"));
        var written = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName, p.Unit, p.WorkLocation) = ("Siobhán", "Ó Súilleabháin", "Custody", "Northgate Police Station"));
        await RegisterMobileAsync(factory.ClientAs(texted.PayNumber), centre, "07700 900123");
        var id = await SendWithLadderAsync(factory, new LadderDraft("1", "2", "3", "4"));
        await factory.ClientAs(reader.PayNumber).SubmitAsync($"/notices/{id}", $"/notices/{id}");

        await SentHoursAgoAsync(factory, id, 0.5);
        var tooSoon = await RunLadderAsync(factory);
        await SentHoursAgoAsync(factory, id, 1.5);
        var reminded = await RunLadderAsync(factory);
        var again = await RunLadderAsync(factory);
        var reminders = sink.Received().Where(r => r.MessageId.Contains("reminder-", StringComparison.Ordinal)).Select(r => r.Recipient).Order().ToList();

        await SentHoursAgoAsync(factory, id, 2.5);
        await RunLadderAsync(factory);
        var texts = (await centre.WaitForAsync(2)).Skip(1).ToList();
        await NoticeHost.WaitForAsync(() => DbAsync(factory, db => db.TextMessages.AsNoTracking().SingleAsync(t => t.CampaignId == id, Cancel)), t => t.Status == TextMessageStatus.Delivered);

        await SentHoursAgoAsync(factory, id, 3.5);
        await RunLadderAsync(factory);
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var campaignPage = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", Cancel));
        var letters = campaignPage.Section("letter-batches").QuerySelector("a")!.GetAttribute("href")!;
        var pdf = await admin.GetByteArrayAsync(letters, Cancel);

        await factory.ClientAs(written.PayNumber).SubmitAsync($"/notices/{id}", $"/notices/{id}");
        await SentHoursAgoAsync(factory, id, 4.5);
        await RunLadderAsync(factory);
        var calls = await DbAsync(factory, db => db.SupportRequests.AsNoTracking().Where(r => r.Type == SupportRequestType.WelfareCall).ToListAsync(Cancel));
        var finalPage = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", Cancel));

        Assert.Equal((0, 0), (tooSoon.Written, tooSoon.Done));
        Assert.Equal(new[] { texted.Email, written.Email }.Order(), reminders);
        Assert.Equal((2, 2), (reminded.Written, reminded.Done));
        Assert.Equal((0, 0), (again.Written, again.Done));
        var text = Assert.Single(texts);
        Assert.Equal("447700900123", text.To);
        Assert.Equal($"Northshire Police: there is news for you in the Exposure Portal. Sign in to read it: {forwarder.Address}/", text.Text);
        Assert.Equal(1, GsmAlphabet.Measure(text.Text).Parts);

        using (var document = PdfDocument.Open(pdf))
        {
            var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
            Assert.Equal(2, pages.Count);
            Assert.Contains("Thị Minh Nguyễn Sergeant Roads Policing Eastgate Police Station By internal post", pages[0], StringComparison.Ordinal);
            Assert.Contains("Dear Thị Minh,", pages[0], StringComparison.Ordinal);
            Assert.Contains("Siobhán Ó Súilleabháin Constable Custody Northgate Police Station By internal post", pages[1], StringComparison.Ordinal);
            Assert.All(pages, page =>
            {
                Assert.Contains(forwarder.Address + "/", page, StringComparison.Ordinal);
                Assert.Contains("Northshire Police", page, StringComparison.Ordinal);
                foreach (var held in new[] { "NPPV", "vetting", "Vetting", "pay number", texted.PayNumber, written.PayNumber, "Photo", "photo" })
                {
                    Assert.DoesNotContain(held, page, StringComparison.Ordinal);
                }
            });
        }

        var call = Assert.Single(calls);
        Assert.Equal((texted.Id, id), (call.PersonId, call.CampaignId));
        Assert.Contains("after the e-mail, the reminder e-mail, the text message, the letter", call.Description, StringComparison.Ordinal);
        var steps = finalPage.Section("ladder-progress").QuerySelectorAll("tbody tr").ToDictionary(r => r.GetAttribute("data-step")!, r => string.Join("|", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim())));
        Assert.Equal("0|2|0|0|0", steps["Reminder"]);
        Assert.Equal("0|1|0|0|0", steps["Text"]);
        Assert.Equal("0|2|0|0|0", steps["Letter"]);
        Assert.Equal("0|1|0|0|0", steps["Call"]);
        Assert.Contains("Delivered: 1; not delivered: 0", finalPage.Section("text-reports").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGatewayThatIsDown_LeavesTextsWaitingToRetry_NeverFailed_AndTheyGoWhenItIsBack_AndAPausedCampaignsLadderWaits()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var centre = await SmsCentre.StartAsync();
        PortalFactory? portal = null;
        await using var forwarder = new LoopbackForwarder(() => portal!.AnonymousClient());
        await using var factory = portal = Portal(sink, centre, forwarder, new PortalFactory());
        var people = await factory.Data.CreatePeopleAsync(3);
        for (var i = 0; i < people.Count; i++)
        {
            await RegisterMobileAsync(factory.ClientAs(people[i].PayNumber), centre, $"07700 90012{i}");
        }

        Assert.Equal(3, await DbAsync(factory, db => db.MobileNumbers.CountAsync(m => m.NumberProtected != null, Cancel)));
        var id = await SendWithLadderAsync(factory, new LadderDraft(null, "1", null, null));
        await centre.DownAsync();
        await SentHoursAgoAsync(factory, id, 1.5);
        var whileDown = await RunLadderAsync(factory);
        var waiting = await DbAsync(factory, db => db.Escalations.AsNoTracking().Where(e => e.CampaignId == id).ToListAsync(Cancel));
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var failures = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/failures", Cancel));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var campaign = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == id, Cancel);
            await scope.ServiceProvider.GetRequiredService<Campaigns>().PauseAsync(NoticeHost.Admin, id, campaign.Version, Cancel);
        }

        await centre.UpAsync();
        await DbAsync(factory, db => db.Escalations.ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptUtc, DateTime.UtcNow.AddSeconds(-1)), Cancel));
        var whilePaused = await RunLadderAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var campaign = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == id, Cancel);
            await scope.ServiceProvider.GetRequiredService<Campaigns>().ResumeAsync(NoticeHost.Admin, id, campaign.Version, Cancel);
        }

        var resumed = await RunLadderAsync(factory);
        var received = await centre.WaitForAsync(6);

        Assert.Equal(0, whileDown.Done);
        Assert.All(waiting, e => Assert.Equal(EscalationStatus.WaitingToRetry, e.Status));
        Assert.Equal(3, waiting.Count);
        Assert.StartsWith("The gateway cannot be reached", waiting[0].LastError, StringComparison.Ordinal);
        var textRows = failures.Section("text-failures").QuerySelectorAll("tbody tr").Select(r => r.Children[2].TextContent.Trim() + "|" + r.Children[3].TextContent.Trim()).ToList();
        Assert.Equal("Waiting to retry|The gateway cannot be reached: connection refused", Assert.Single(textRows));
        Assert.Equal(0, whilePaused.Done);
        Assert.Equal(3, resumed.Done);
        Assert.Equal(3, received.Count(t => t.Text.Contains("there is news for you", StringComparison.Ordinal)));
        // The one tried while the gateway was down was tried once more; the rest of its batch waited without trying.
        Assert.Equal([1, 1, 2], (await DbAsync(factory, db => db.TextMessages.Where(t => t.CampaignId == id && t.Status != TextMessageStatus.Failed).Select(t => t.Attempts).ToListAsync(Cancel))).Order());
    }

    [Fact]
    public async Task TheLadder_IsChosenWhenComposing_AndStepsOutOfOrderOrNotWholeHours_AreRefusedWithWhatToDo()
    {
        await using var factory = new PortalFactory();
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        (string, string)[] Form(string reminder, string text) =>
            [("Input.Subject", "Breach"), ("Input.Body", "Dear ((given_name)), sign in: ((notice_link))"), ("Input.Audience", "EveryoneActive"), ("Input.Version", "0"),
             ("Input.Ladder.Reminder", reminder), ("Input.Ladder.Text", text), ("Input.Ladder.Letter", ""), ("Input.Ladder.Call", "")];

        var refused = await Html.ReadAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", Form("48", "24")));
        var notHours = await Html.ReadAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", Form("1.5", "")));
        var saved = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", Form("24", "48"));
        var preview = await admin.FollowAsync(saved);

        Assert.Equal(["The text message must come later than the reminder e-mail (48 hours): enter more than 48"], refused.Texts(".govuk-error-summary__list li"));
        Assert.Empty(refused.SummaryLinksWithoutTarget());
        Assert.Equal(["Enter the hours before the reminder e-mail as a whole number from 1 to 720, or leave it empty to leave the step out"], notHours.Texts(".govuk-error-summary__list li"));
        Assert.Equal("a reminder e-mail after 24 hours, then a text message after 48 hours", preview.Section("ladder").TextContent.Trim().ToLowerInvariant());
    }

    [Fact]
    public async Task SomeoneTheEmailNeverReached_GoesOnToTheLetter_WithoutAReminderToAnAddressThatRefusedIt()
    {
        await using var factory = new PortalFactory();
        var reached = await factory.Data.CreatePersonAsync();
        var unreached = await factory.Data.CreatePersonAsync();
        var id = await factory.Data.SendNoticeAsync([reached, unreached]);
        await DbAsync(factory, async db =>
        {
            await db.NoticeCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.ReminderAfterHours, 1).SetProperty(c => c.LetterAfterHours, 2)
                .SetProperty(c => c.StartedUtc, DateTime.UtcNow.AddHours(-3)), Cancel);
            await db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.SentUtc, DateTime.UtcNow.AddHours(-3)), Cancel);
            return await db.Deliveries.Where(d => d.CampaignId == id && d.PersonId == unreached.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.FailedPermanent).SetProperty(d => d.SentUtc, (DateTime?)null), Cancel);
        });

        await RunLadderAsync(factory);

        var steps = await DbAsync(factory, db => db.Escalations.Where(e => e.CampaignId == id).Select(e => new { e.PersonId, e.Step }).ToListAsync(Cancel));
        Assert.Equal(
            [(reached.Id, LadderStep.Reminder), (reached.Id, LadderStep.Letter), (unreached.Id, LadderStep.Letter)],
            steps.Select(s => (s.PersonId, s.Step)).Order());
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
