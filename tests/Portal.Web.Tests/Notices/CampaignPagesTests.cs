using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Testing;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Notices;

/// <summary>Composing, previewing, approving, sending and watching a campaign through the admin pages; reading it as staff.</summary>
public sealed class CampaignPagesTests
{
    private const string Body = "Dear ((given_name)), please read this: ((notice_link))";

    private static async Task<(HttpClient Client, Person Admin)> AdminAsync(PortalFactory factory, string? email = null)
    {
        var admin = await factory.Data.CreatePersonAsync(p => p.Email = email ?? p.Email);
        return (factory.ClientAs(admin.PayNumber, RoleNames.Admin), admin);
    }

    private static async Task<int> ComposeAsync(HttpClient admin, string subject = "Warning: card supplier breach", string body = Body, string audience = "EveryoneActive")
    {
        var response = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", subject), ("Input.Body", body), ("Input.Audience", audience), ("Input.Version", "0"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/preview", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts a campaign action from the page that has its button: a test from the preview, sending and approval from "send", the rest from the overview.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string handler, params (string, string)[] fields)
    {
        var page = handler switch
        {
            "Test" => $"/admin/campaigns/{id}/preview",
            "Send" or "Approve" or "Return" => $"/admin/campaigns/{id}/send",
            _ => $"/admin/campaigns/{id}",
        };
        return client.SubmitAsync(page, $"{page}?handler={handler}", fields);
    }

    private static async Task<string> VersionAsync(PortalFactory factory, int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.NoticeCampaigns.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(TestContext.Current.CancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Compose_WithAPlaceholderThatIsNotAllowed_SaysWhichAndWhere_AndSavesNothing()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);

        var response = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", "Your details"), ("Input.Body", "Dear ((given_name)),\nYour pay number ((pay_number)) was held."), ("Input.Audience", "EveryoneActive"), ("Input.Version", "0"));
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(page.Texts(".govuk-error-summary__list li"));
        Assert.Contains("Line 2, column 17: ((pay_number)) is not a placeholder you can use", error, StringComparison.Ordinal);
        Assert.Contains("never in an e-mail", error, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().NoticeCampaigns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Compose_WithTwoPlaceholdersNotAllowed_ListsBoth()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);

        var page = await Html.ReadAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", "Your details"), ("Input.Body", "Dear ((given_name)),\nYour pay number ((pay_number)) and ((vetting_level)) were held."),
            ("Input.Audience", "EveryoneActive"), ("Input.Version", "0")));

        var errors = page.Texts(".govuk-error-summary__list li");
        Assert.Equal(2, errors.Count);
        Assert.Contains("((pay_number)) is not a placeholder you can use", errors[0], StringComparison.Ordinal);
        Assert.Contains("((vetting_level)) is not a placeholder you can use", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_WithoutSubjectOrAudience_ShowsEachError_InPageOrder()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);

        var response = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", ("Input.Subject", " "), ("Input.Body", Body), ("Input.Version", "0"));
        var page = await Html.ReadAsync(response);

        Assert.Equal(["Enter a subject", "Choose who the notice is for"], page.Texts(".govuk-error-summary__list li"));
    }

    [Fact]
    public async Task Messages_GiveTheirNumbersInUkEnglish_WhateverTheServersCulture()
    {
        var serverCulture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await using var factory = new PortalFactory();
            var (admin, _) = await AdminAsync(factory);

            var page = await Html.ReadAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
                ("Input.Subject", "Long"), ("Input.Body", "((notice_link))" + new string('a', 10_000)), ("Input.Audience", "EveryoneActive"), ("Input.Version", "0")));

            Assert.Contains("The message must be 10,000 characters or fewer; it is 10,015.", page.Texts(".govuk-error-summary__list li"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = serverCulture;
        }
    }

    [Fact]
    public async Task Draft_ShowsTheRecipientCount_AndAPreviewForAChosenPerson_WhichIsAudited()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);
        var people = await factory.Data.CreatePeopleAsync(5, (p, i) => p.GivenName = "Niamh" + (char)('a' + i));
        await factory.Data.CreatePersonAsync(p => p.Status = PersonStatus.Leaver);
        var id = await ComposeAsync(admin);

        // A link made elsewhere shows nothing of that person and records nothing; the page's own form does both.
        var forged = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/preview?preview={people[2].PayNumber}", TestContext.Current.CancellationToken));
        await using (var check = factory.Services.CreateAsyncScope())
        {
            Assert.False(await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AnyAsync(e => e.Action == "campaign.previewed", TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain("Niamhc", forged.Section("preview").TextContent, StringComparison.Ordinal);
        var page = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/preview?preview={people[2].PayNumber}&{await admin.ConfirmedAsync($"/admin/campaigns/{id}/preview")}", TestContext.Current.CancellationToken));
        var sendPage = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/send", TestContext.Current.CancellationToken));

        Assert.Equal("6 people", page.Section("recipients").TextContent.Trim());
        Assert.Contains("Dear Niamhc, please read this: http://localhost:5080/notices/" + id, page.Section("preview").TextContent, StringComparison.Ordinal);
        Assert.Contains("Send to 6 people", sendPage.Texts("button"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "campaign.previewed" && e.SubjectPersonId == people[2].Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheListOfNotices_ShowsTwentyFiveAPage_NewestFirst_AndAFinishedOnesSentCount_AfterRetentionRemovedItsRows()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);
        var person = await factory.Data.CreatePersonAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var start = DateTime.UtcNow.AddDays(-60);
            // The oldest finished long ago: its rows are gone, and it kept how many it sent. The next is still sending.
            db.NoticeCampaigns.Add(new NoticeCampaign { Subject = "Notice 1", BodyTemplate = Body, Status = CampaignStatus.Completed, RecipientCount = 47_000, SentCount = 46_512, CreatedUtc = start, StartedUtc = start, CompletedUtc = start });
            var sending = new NoticeCampaign { Subject = "Notice 2", BodyTemplate = Body, Status = CampaignStatus.Sending, RecipientCount = 2, CreatedUtc = start.AddDays(1), StartedUtc = start.AddDays(1) };
            db.NoticeCampaigns.Add(sending);
            for (var i = 3; i <= 27; i++)
            {
                db.NoticeCampaigns.Add(new NoticeCampaign { Subject = $"Notice {i}", BodyTemplate = Body, Status = CampaignStatus.Draft, CreatedUtc = start.AddDays(i) });
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Deliveries.Add(new Delivery { CampaignId = sending.Id, PersonId = person.Id, Status = DeliveryStatus.Sent, SentUtc = start });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var first = await Html.ReadAsync(await admin.GetAsync("/admin/campaigns", TestContext.Current.CancellationToken));
        var second = await Html.ReadAsync(await admin.GetAsync("/admin/campaigns?page=2", TestContext.Current.CancellationToken));
        var beyond = await Html.ReadAsync(await admin.GetAsync("/admin/campaigns?page=9", TestContext.Current.CancellationToken));

        Assert.Equal(Enumerable.Range(3, 25).Reverse().Select(i => $"Notice {i}"), first.Texts("[data-testid=campaigns] tbody tr td:first-child"));
        Assert.Equal(["Notice 2", "Notice 1"], second.Texts("[data-testid=campaigns] tbody tr td:first-child"));
        Assert.Equal(["1 of 2", "46,512 of 47,000"], second.Texts("[data-testid=campaigns] tbody tr td:nth-child(4)"));
        Assert.Contains("/admin/campaigns?page=2", first.QuerySelectorAll(".govuk-pagination a").Select(a => a.GetAttribute("href")));
        Assert.Equal(second.Texts("[data-testid=campaigns] tbody tr td:first-child"), beyond.Texts("[data-testid=campaigns] tbody tr td:first-child"));
    }

    [Fact]
    public async Task PreviewOfANoticeAlreadySent_GoesToItsOverview_AndLooksUpNoOne()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);
        var person = await factory.Data.CreatePersonAsync();
        var id = await ComposeAsync(admin);
        var confirmed = await admin.ConfirmedAsync($"/admin/campaigns/{id}/preview");
        await PostAsync(admin, id, "Send", ("Version", "0"), ("Schedule.When", "now"));

        var response = await admin.GetAsync($"/admin/campaigns/{id}/preview?preview={person.PayNumber}&{confirmed}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/campaigns/{id}", response.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AnyAsync(e => e.Action == "campaign.previewed", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendATestToYourself_ArrivesAtYourAddressOnly_MarkedAsATest()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink);
        var (admin, me) = await AdminAsync(factory, "comms.admin@force.example");
        await factory.Data.CreatePeopleAsync(3);
        var id = await ComposeAsync(admin);

        var response = await PostAsync(admin, id, "Test");
        var page = await admin.FollowAsync(response);

        Assert.Contains("A test has been sent to comms.admin@force.example", page.Texts(".govuk-notification-banner__heading"));
        var received = Assert.Single(sink.Received());
        Assert.Equal(me.Email, received.Recipient);
        Assert.StartsWith("<test-", received.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AboveTheApprovalThreshold_WaitsForASecondAdministrator_ThenGoes()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink, ("Notices:ApprovalThreshold", "5"));
        var (composer, _) = await AdminAsync(factory);
        var (second, _) = await AdminAsync(factory);
        await factory.Data.CreatePeopleAsync(10);
        var id = await ComposeAsync(composer);

        var sent = await composer.FollowAsync(await PostAsync(composer, id, "Send", ("Version", "0"), ("Schedule.When", "now")));
        var composersApprovalPage = await Html.ReadAsync(await composer.GetAsync($"/admin/campaigns/{id}/send", TestContext.Current.CancellationToken));
        var secondsApprovalPage = await Html.ReadAsync(await second.GetAsync($"/admin/campaigns/{id}/send", TestContext.Current.CancellationToken));
        var ownApproval = await Html.ReadAsync(await PostAsync(composer, id, "Approve", ("Version", await VersionAsync(factory, id))));

        Assert.Contains("Waiting for approval", sent.Texts(".govuk-tag"));
        Assert.DoesNotContain("Approve and send", composersApprovalPage.Texts("button"));
        Assert.Contains("Approve and send", secondsApprovalPage.Texts("button"));
        Assert.Contains("You composed this campaign, so you cannot approve it. Ask another administrator to approve it.", ownApproval.Texts(".govuk-error-summary__list li"));
        Assert.Empty(sink.Received());
        Assert.Empty(ownApproval.SummaryLinksWithoutTarget());

        var approvedPage = await second.FollowAsync(await PostAsync(second, id, "Approve", ("Version", await VersionAsync(factory, id))));
        var progress = await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);

        Assert.Contains("Approved: sending has started", approvedPage.Texts(".govuk-notification-banner__heading"));
        Assert.Equal(12, progress.Sent);
        Assert.Equal(12, sink.Received().Count);
    }

    [Fact]
    public async Task Approve_ByTheComposerSignedInWithASecondAccount_IsRefused()
    {
        await using var factory = new PortalFactory { Settings = { ["Notices:ApprovalThreshold"] = "5" } };
        var (composer, person) = await AdminAsync(factory);
        await factory.Data.CreatePeopleAsync(10);
        var id = await ComposeAsync(composer);
        await PostAsync(composer, id, "Send", ("Version", "0"), ("Schedule.When", "now"));
        // The same person under another sign-in: a different subject, matched to their record by their e-mail.
        var secondAccount = factory.ClientWithEmail(TestData.NewPayNumber(), person.Email, RoleNames.Admin);

        var refused = await Html.ReadAsync(await PostAsync(secondAccount, id, "Approve", ("Version", await VersionAsync(factory, id))));

        Assert.Contains("You composed this campaign, so you cannot approve it. Ask another administrator to approve it.", refused.Texts(".govuk-error-summary__list li"));
        Assert.Contains("Waiting for approval", (await Html.ReadAsync(await composer.GetAsync($"/admin/campaigns/{id}", TestContext.Current.CancellationToken))).Texts(".govuk-tag"));
    }

    [Fact]
    public async Task Schedule_InThePast_IsRefused_WithWhatToDo()
    {
        await using var factory = new PortalFactory();
        var (admin, _) = await AdminAsync(factory);
        var id = await ComposeAsync(admin);

        var page = await Html.ReadAsync(await PostAsync(admin, id, "Send", ("Version", "0"), ("Schedule.When", "later"),
            ("Schedule.Day", "1"), ("Schedule.Month", "1"), ("Schedule.Year", "2020"), ("Schedule.Time", "09:00")));

        Assert.Contains("The time to send must be in the future. Choose a later time, or send it now.", page.Texts(".govuk-error-summary__list li"));
        Assert.Contains("Draft", page.Texts(".govuk-tag"));
    }

    [Fact]
    public async Task Campaign_WhileAndAfterSending_ShowsProgressThatAddsUp_FailuresWithReasons_AndASafeCsv()
    {
        await using var sink = await SmtpSink.StartAsync(reject: "^gone");
        await using var factory = NoticeHost.For(sink);
        var (admin, _) = await AdminAsync(factory);
        await factory.Data.CreatePeopleAsync(20);
        var gone = await factory.Data.CreatePersonAsync(p => (p.Email, p.GivenName) = ("gone@force.example", "=HYPERLINK(\"http://x\")"));
        var id = await ComposeAsync(admin);

        await PostAsync(admin, id, "Send", ("Version", "0"), ("Schedule.When", "now"));
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        var json = JsonDocument.Parse(await admin.GetStringAsync($"/admin/campaigns/{id}?handler=Progress", TestContext.Current.CancellationToken)).RootElement;
        var page = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", TestContext.Current.CancellationToken));
        var failures = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/failures", TestContext.Current.CancellationToken));
        var csv = await admin.GetStringAsync($"/admin/campaigns/{id}/failures?handler=Download", TestContext.Current.CancellationToken);

        Assert.Equal(("Completed", 22, 21, 1, 0, 100), (json.GetProperty("status").GetString(), json.GetProperty("total").GetInt32(), json.GetProperty("sent").GetInt32(),
            json.GetProperty("failed").GetInt32(), json.GetProperty("pending").GetInt32(), json.GetProperty("percent").GetInt32()));
        Assert.Equal("100", page.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("The relay has refused 1 person: 1 for good, 0 for now.", page.Section("failure-count").TextContent.Trim());
        Assert.Contains("550 5.1.1 <gone@force.example>: Recipient address rejected: User unknown", failures.Section("failures").TextContent, StringComparison.Ordinal);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("pay_number,name,unit,email,status,attempts,reason", lines[0]);
        Assert.StartsWith($"{gone.PayNumber},\"'=HYPERLINK(\"\"http://x\"\") {gone.FamilyName}\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_ReadTheirNotice_ConfirmIt_AndTheAcknowledgementRateMoves_ThenTheFollowUpGoesOnlyToTheRest()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink);
        var (admin, adminPerson) = await AdminAsync(factory);
        var people = await factory.Data.CreatePeopleAsync(3, (p, i) => (p.GivenName, p.Unit) = ("Reader" + (char)('a' + i), i == 0 ? "Custody" : "Dog Support"));
        var id = await ComposeAsync(admin);
        await PostAsync(admin, id, "Send", ("Version", "0"), ("Schedule.When", "now"));
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        var reader = factory.ClientAs(people[0].PayNumber);

        var home = await Html.ReadAsync(await reader.GetAsync("/", TestContext.Current.CancellationToken));
        var notice = await Html.ReadAsync(await reader.GetAsync($"/notices/{id}", TestContext.Current.CancellationToken));
        var confirmed = await reader.FollowAsync(await reader.SubmitAsync($"/notices/{id}", $"/notices/{id}"));
        var homeAfter = await Html.ReadAsync(await reader.GetAsync("/", TestContext.Current.CancellationToken));
        var campaignPage = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", TestContext.Current.CancellationToken));

        Assert.Contains("Warning: card supplier breach", home.Section("unread-notice").TextContent, StringComparison.Ordinal);
        Assert.Contains("Dear Readera, please read this", notice.Section("notice-body").TextContent, StringComparison.Ordinal);
        Assert.Contains("You confirmed you had read this", confirmed.Section("acknowledged").TextContent, StringComparison.Ordinal);
        Assert.Null(homeAfter.QuerySelector("[data-testid='unread-notice']"));
        Assert.Contains("1 of 4 people (25%) have confirmed", campaignPage.Section("ack-overall").TextContent, StringComparison.Ordinal);
        var byUnit = campaignPage.Section("ack-by-unit").QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("Custody|100|1|1", byUnit);
        Assert.Contains("Dog Support|0|0|2", byUnit);

        var followUp = await PostAsync(admin, id, "FollowUp");
        var followUpId = int.Parse(followUp.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(followUpId), p => p.Status == CampaignStatus.Completed);

        var reminded = sink.Received().Where(r => r.MessageId.Contains($".campaign-{followUpId}@", StringComparison.Ordinal)).Select(r => r.Recipient).Order();
        Assert.Equal(new[] { adminPerson.Email, people[1].Email, people[2].Email }.Order(), reminded);
    }

    [Fact]
    public async Task Notice_NotSentToYou_IsNotFound_AndCannotBeConfirmed()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink);
        var (admin, _) = await AdminAsync(factory);
        var custody = await factory.Data.CreatePersonAsync(p => p.Unit = "Custody");
        var other = await factory.Data.CreatePersonAsync(p => p.Unit = "Training");
        var response = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", "Custody only"), ("Input.Body", Body), ("Input.Audience", "Units"), ("Input.AudienceUnits", "Custody"), ("Input.Version", "0"));
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(admin, id, "Send", ("Version", "0"), ("Schedule.When", "now"));
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(id), p => p.Status == CampaignStatus.Completed);
        var outsider = factory.ClientAs(other.PayNumber);

        var view = await outsider.GetAsync($"/notices/{id}", TestContext.Current.CancellationToken);
        var confirm = await outsider.SubmitAsync("/notices", $"/notices/{id}");

        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal([custody.Email], sink.Received().Select(r => r.Recipient));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Acknowledgements.CountAsync(TestContext.Current.CancellationToken));
    }
}
