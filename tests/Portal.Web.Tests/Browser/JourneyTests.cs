using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// The journeys people make through the portal, in Chromium, read as a script of what each person does. Every page on
/// the way is checked by axe-core for WCAG 2.2 AA and saved as a screenshot (see <see cref="AccessibilityCheck"/>).
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class JourneyTests(JourneyPortal portal) : IClassFixture<JourneyPortal>
{
    private const string Worry = "A man outside the station called me by my name and asked about my warrant card.";

    [Fact]
    public async Task Journey1_AnAffectedOfficerOnTheirPhone_SeesWhatWasHeld_ReadsGuidance_AndGetsAReference()
    {
        var check = new AccessibilityCheck("1-affected-officer");
        var (officer, incident) = await AffectedOfficerAsync();

        var page = await portal.SignInAsync(officer.PayNumber, BrowserPortal.Phone, check);

        // What was held, and what was not.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Am I affected?", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "am-i-affected");
        await Expect(page.GetByTestId("verdict")).ToContainTextAsync($"Your details were held in 1 incident: {incident.Title}.");
        var section = page.GetByRole(AriaRole.Region, new() { Name = incident.Title });
        await Expect(section.GetByTestId("held").Locator("dt")).ToHaveTextAsync(["Your name", "Your photo", "Your pay number"]);
        await Expect(section.GetByTestId("not-held")).ToContainTextAsync("Your vetting level");
        await Expect(section.GetByTestId("not-held")).ToContainTextAsync("Home address – not included for anyone");

        // The first article recommended for them.
        var recommended = page.GetByRole(AriaRole.Region, new() { Name = "Guidance for you" }).GetByRole(AriaRole.Link).First;
        var title = (await recommended.TextContentAsync())!.Trim();
        await recommended.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "article");

        // Support, from the article.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask the welfare team for support" }).ClickAsync();
        var reference = await AskForSupportAsync(page, "Report a suspicious approach", "This week", Worry, check);

        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Report a suspicious approach", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("New");
        await Expect(page.GetByText(Worry)).ToBeVisibleAsync();
        await check.PageAsync(page, "my-request");

        check.AssertNoProblems();
    }

    [Fact]
    public async Task Journey2_AWelfareOfficer_FindsAnUrgentRequestByPriority_TakesIt_NotesAndMessages_AndTheOfficerSeesOnlyTheMessage()
    {
        var check = new AccessibilityCheck("2-welfare-officer");
        var worried = await portal.Factory.Data.CreatePersonAsync(p => p.VettingLevel = VettingLevel.SC);
        var calm = await portal.Factory.Data.CreatePersonAsync();
        var welfareOfficer = await portal.Factory.Data.CreatePersonAsync(p => p.Unit = "Welfare");
        const string Note = "Checked the front desk log: a man asked for her at 14:10.";
        const string Message = "We have spoken to the front desk. We will call you at 4pm today.";

        var requester = await portal.SignInAsync(worried.PayNumber, BrowserPortal.Phone, check: null);
        await requester.GotoAsync("/support/new");
        var urgent = await AskForSupportAsync(requester, "Report a suspicious approach", "Today – I feel at risk", Worry);
        var calmly = await portal.SignInAsync(calm.PayNumber, BrowserPortal.Phone, check: null);
        await calmly.GotoAsync("/support/new");
        var other = await AskForSupportAsync(calmly, "Wellbeing or occupational health", "No rush", "I would like to talk to someone when there is time.");

        // The queue, narrowed to the most urgent.
        var welfare = await portal.SignInAsync(welfareOfficer.PayNumber, BrowserPortal.Desktop, check, RoleNames.Welfare);
        await welfare.GetByRole(AriaRole.Link, new() { Name = "Welfare", Exact = true }).ClickAsync();
        await Expect(welfare.GetByRole(AriaRole.Heading, new() { Name = "Welfare queue", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(welfare, "queue");
        await welfare.GetByLabel("Priority", new() { Exact = true }).SelectOptionAsync("Critical");
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var queue = welfare.GetByRole(AriaRole.Table, new() { Name = "Support requests" });
        var row = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = urgent });
        await Expect(row).ToContainTextAsync("Critical");
        await Expect(row).ToContainTextAsync("Says it is urgent: needs help today");
        await Expect(row).ToContainTextAsync("SC vetting");
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = other })).ToHaveCountAsync(0);
        await check.PageAsync(welfare, "queue-critical");

        // Take it, note what was found, and tell the officer.
        await row.GetByRole(AriaRole.Link, new() { Name = urgent }).ClickAsync();
        await Expect(welfare.GetByTestId("description")).ToHaveTextAsync(Worry);
        await check.PageAsync(welfare, "request");
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Take this request" }).ClickAsync();
        await Expect(welfare.GetByTestId("assigned")).ToHaveTextAsync($"{welfareOfficer.GivenName} {welfareOfficer.FamilyName}");
        await welfare.GetByLabel("Internal note").FillAsync(Note);
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(welfare.GetByText(Note)).ToBeVisibleAsync();
        await welfare.GetByLabel("Message to the requester").FillAsync(Message);
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(welfare.GetByText(Message)).ToBeVisibleAsync();
        await check.PageAsync(welfare, "request-worked");

        // The officer reads the message; the note is not theirs to see.
        await requester.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await requester.GetByRole(AriaRole.Link, new() { Name = "My support requests" }).ClickAsync();
        await check.PageAsync(requester, "my-requests");
        await requester.GetByRole(AriaRole.Link, new() { Name = urgent }).ClickAsync();
        await Expect(requester.GetByTestId("messages")).ToContainTextAsync(Message);
        await Expect(requester.GetByText(Note)).ToHaveCountAsync(0);
        Assert.DoesNotContain("front desk log", await requester.ContentAsync(), StringComparison.Ordinal);
        await check.PageAsync(requester, "my-request-with-message");

        check.AssertNoProblems();
    }

    [Fact]
    public async Task Journey6_AWelfareOfficer_AssessesAThreat_AndAnswersTenRequestsWithOneSavedReply_EachByName()
    {
        var check = new AccessibilityCheck("6-assess-and-answer");
        var welfareOfficer = await portal.Factory.Data.CreatePersonAsync(p => p.Unit = "Welfare");
        var threatened = await portal.Factory.Data.CreatePersonAsync(p => (p.VettingLevel, p.GivenName) = (VettingLevel.SC, "Bronagh"));
        var incident = await portal.Factory.Data.CreateIncidentAsync();
        await portal.Factory.Data.AddExposureAsync(threatened, incident, HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo);
        var asking = await portal.Factory.Data.CreatePeopleAsync(10, (p, i) => p.GivenName = $"Cardholder{i}");
        var replyTitle = "Replacement card " + Guid.NewGuid().ToString("N")[..6];
        const string Outcome = "We have looked at the risk to you. Force Security will survey your home's security on Thursday, and we will review this in a month.";
        string assessed;
        List<Portal.Core.Domain.SupportRequest> cards = [];
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<Portal.Core.Support.SupportRequests>();
            scope.ServiceProvider.GetRequiredService<PortalDbContext>().WelfareTeamMembers.Add(new WelfareTeamMember { PersonId = welfareOfficer.Id, LastSeenUtc = DateTime.UtcNow });
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
            assessed = (await requests.CreateAsync(threatened.Id, new Portal.Core.Support.NewSupportRequest(
                SupportRequestType.SuspiciousApproach, StatedUrgency.ThisWeek, "Someone photographed me leaving the station, then my car.", ContactMethod.Portal, null, true), TestContext.Current.CancellationToken)).Reference;
            foreach (var person in asking)
            {
                var card = await requests.CreateAsync(person.Id, new Portal.Core.Support.NewSupportRequest(
                    SupportRequestType.ReplacementCard, StatedUrgency.NoRush, "My warrant card number was in the breach. Can I have a new one?", ContactMethod.Portal, null, true), TestContext.Current.CancellationToken);
                // A lead has given these ten to the officer.
                await requests.AssignAsync(welfareOfficer.Id, card.Id, card.Version, welfareOfficer.Id, TestContext.Current.CancellationToken);
                cards.Add(card);
            }

            await scope.ServiceProvider.GetRequiredService<Portal.Core.Support.SavedReplies>().SaveAsync(new Portal.Core.Audit.Actor(null, "lead", null), null, 0, replyTitle,
                "Dear ((given_name)),\nA new card is being made for you. Bring your old one to the front counter when we write again about ((reference)).", TestContext.Current.CancellationToken);
        }

        // The ten requests given to them, chosen at once, answered with one saved reply.
        var welfare = await portal.SignInAsync(welfareOfficer.PayNumber, BrowserPortal.Desktop, check, RoleNames.Welfare);
        await welfare.GotoAsync("/welfare?assigned=me");
        var queue = welfare.GetByRole(AriaRole.Table, new() { Name = "Support requests" });
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Replacement warrant card" })).ToHaveCountAsync(10);
        await check.PageAsync(welfare, "queue-mine");
        await welfare.GetByRole(AriaRole.Checkbox, new() { Name = "Choose every request on this page" }).CheckAsync();
        await welfare.GetByLabel("Send a saved reply to each").SelectOptionAsync(new SelectOptionValue { Label = replyTitle });
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(welfare.GetByTestId("bulk-done")).ToHaveTextAsync("10 requests changed.");
        await check.PageAsync(welfare, "queue-answered");

        // The request that waits for a threat assessment, found by that filter, assessed from what the portal knows.
        await welfare.GetByLabel("Threat assessment", new() { Exact = true }).SelectOptionAsync("Awaiting one");
        await welfare.GetByLabel("Assigned", new() { Exact = true }).SelectOptionAsync("Anyone or no one");
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await queue.GetByRole(AriaRole.Link, new() { Name = assessed }).ClickAsync();
        await Expect(welfare.GetByLabel("Their photo was exposed")).ToBeCheckedAsync();
        await Expect(welfare.GetByLabel("SC or DV vetting")).ToBeCheckedAsync();
        await check.PageAsync(welfare, "request-to-assess");
        await welfare.GetByLabel("Substantial: an attack is likely").CheckAsync();
        await welfare.GetByLabel("Home security survey", new() { Exact = true }).SelectOptionAsync("Agreed");
        await welfare.GetByLabel("Owner of home security survey").FillAsync("Force Security");
        var review = Portal.Core.Text.UkTime.DateOf(DateTime.UtcNow).AddMonths(1);
        await welfare.GetByLabel("Day", new() { Exact = true }).FillAsync(review.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await welfare.GetByLabel("Month", new() { Exact = true }).FillAsync(review.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await welfare.GetByLabel("Year", new() { Exact = true }).FillAsync(review.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await welfare.GetByLabel("Your reasoning").FillAsync("Photographed twice in a week; her photo and rank were both in the breach.");
        await welfare.GetByLabel("What to tell them").FillAsync(Outcome);
        await welfare.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(welfare.GetByTestId("assessment-level")).ToHaveTextAsync("Substantial: an attack is likely");
        await Expect(welfare.GetByTestId("assessment-measures")).ToHaveTextAsync("Home security survey: agreed, owned by Force Security");
        await check.PageAsync(welfare, "request-assessed");

        // She reads the outcome, and nothing else of the assessment.
        var requester = await portal.SignInAsync(threatened.PayNumber, BrowserPortal.Phone, check: null);
        await requester.GotoAsync($"/support/{assessed}");
        await Expect(requester.GetByTestId("messages")).ToContainTextAsync(Outcome);
        var theirs = await requester.ContentAsync();
        Assert.DoesNotContain("Substantial", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Photographed twice", theirs, StringComparison.Ordinal);
        await check.PageAsync(requester, "my-request-assessed");

        // Each of the ten was answered by name, with their own reference.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var ids = cards.Select(c => c.Id).ToList();
            var sent = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportMessages.AsNoTracking()
                .Where(m => ids.Contains(m.SupportRequestId) && !m.FromRequester).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(10, sent.Count);
            for (var i = 0; i < cards.Count; i++)
            {
                Assert.StartsWith($"Dear Cardholder{i},\nA new card is being made for you.", Assert.Single(sent, m => m.SupportRequestId == cards[i].Id).Body, StringComparison.Ordinal);
                Assert.EndsWith($"about {cards[i].Reference}.", Assert.Single(sent, m => m.SupportRequestId == cards[i].Id).Body, StringComparison.Ordinal);
            }
        }

        check.AssertNoProblems();
    }

    [Fact]
    public async Task Journey3_AnAdministrator_ImportsAFileAndManifest_SendsANoticeWatchingItsProgress_AndSeesItAcknowledged()
    {
        var check = new AccessibilityCheck("3-administrator");
        var administrator = await portal.Factory.Data.CreatePersonAsync(p => p.Unit = "Information Management");
        var people = new[]
        {
            (Pay: TestData.NewPayNumber(), Given: "Siobhán", Family: "O'Brien", Unit: "Roads Policing"),
            (Pay: TestData.NewPayNumber(), Given: "Minh", Family: "Nguyễn", Unit: "Roads Policing"),
            (Pay: TestData.NewPayNumber(), Given: "Tom", Family: "Smith-Jones", Unit: "Custody"),
        };
        var personnel = "pay_number,given_name,family_name,personnel_type,rank_or_grade,unit,work_location,vetting_level,email,sensitive_role,status\n" +
            string.Concat(people.Select(p => $"{p.Pay},{p.Given},\"{p.Family}\",officer,Constable,{p.Unit},Eastgate Police Station,NPPV2,person{p.Pay}@force.example,none,active\n"));
        var manifest = "pay_number,fields_held\n" + string.Concat(people.Select(p => $"{p.Pay},name;photo;unit\n"));
        var reference = "INC-J" + people[0].Pay;

        var admin = await portal.SignInAsync(administrator.PayNumber, BrowserPortal.Desktop, check, RoleNames.Admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(admin, "administration");

        // The incident.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Incidents" }).ClickAsync();
        await check.PageAsync(admin, "incidents");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record an incident" }).ClickAsync();
        await check.PageAsync(admin, "record-an-incident");
        await admin.GetByLabel("Reference").FillAsync(reference);
        await admin.GetByLabel("Title").FillAsync("Roads policing camera supplier");
        await admin.GetByLabel("Source").FillAsync("The camera supplier's support desk");
        await admin.GetByLabel("What happened").FillAsync("A support engineer's laptop held a copy of the roads policing roster.");
        await admin.GetByRole(AriaRole.Radio, new() { Name = "Confirmed" }).CheckAsync();
        await admin.GetByLabel("Date it happened").FillAsync("2/11/2026");
        await admin.GetByLabel("Date it was discovered").FillAsync("9/11/2026");
        await admin.GetByLabel("What it is known not to include").FillAsync("Home addresses");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record the incident" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Roads policing camera supplier");
        await check.PageAsync(admin, "incident");

        // The personnel file, then the manifest: each checked whole, then imported.
        await ImportAsync(admin, check, "The personnel extract", null, "personnel.csv", personnel, "personnel");
        await Expect(admin.GetByTestId("counts")).ToContainTextAsync("New people3");
        await ImportAsync(admin, check, "A held-data manifest for an incident", $"{reference}: Roads policing camera supplier", "manifest.csv", manifest, "manifest");
        await Expect(admin.GetByTestId("counts")).ToContainTextAsync("People newly listed3");

        // The notice, to the people in the incident, sent through the SMTP server while the administrator watches.
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Notices" }).ClickAsync();
        await check.PageAsync(admin, "notices");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Compose a notice" }).ClickAsync();
        await admin.GetByLabel("Subject").FillAsync("Your details and the camera supplier");
        await admin.GetByLabel("Message").FillAsync("Dear ((given_name)), the camera supplier held your details. Please sign in to see which: ((notice_link))");
        await admin.GetByLabel("Which incident is it about?").SelectOptionAsync(new SelectOptionValue { Label = $"{reference}: Roads policing camera supplier" });
        await admin.GetByRole(AriaRole.Radio, new() { Name = "The people in an incident" }).CheckAsync();
        await admin.GetByLabel("Incident", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{reference}: Roads policing camera supplier" });
        await check.PageAsync(admin, "compose-a-notice");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }).ClickAsync();
        await Expect(admin.GetByTestId("recipients")).ToHaveTextAsync("3 people");
        await Expect(admin.GetByTestId("preview-subject")).ToHaveTextAsync("Your details and the camera supplier");
        await check.PageAsync(admin, "notice-draft");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Send", Exact = true }).ClickAsync();
        await check.PageAsync(admin, "notice-send");
        await admin.GetByRole(AriaRole.Radio, new() { Name = "Now" }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send to 3 people" }).ClickAsync();
        var bar = admin.GetByRole(AriaRole.Progressbar, new() { Name = "Delivery progress" });
        await Expect(bar).ToHaveJSPropertyAsync("value", 100, new() { Timeout = 30_000 });
        await Expect(admin.GetByText("100% done")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-progress='sent']")).ToHaveTextAsync("3");
        await Expect(admin.GetByTestId("ack-overall")).ToContainTextAsync("0 of 3 people (0%)");
        await check.PageAsync(admin, "notice-sent");
        var received = portal.Smtp.Received().Select(r => r.Recipient).ToList();
        Assert.All(people, p => Assert.Single(received, $"person{p.Pay}@force.example"));

        // One of them reads it on their phone and confirms.
        var officer = await portal.SignInAsync(people[1].Pay, BrowserPortal.Phone, check: null);
        await officer.GetByRole(AriaRole.Link, new() { Name = "Your details and the camera supplier" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Your details and the camera supplier", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(officer, "notice");
        await officer.GetByRole(AriaRole.Button, new() { Name = "I have read this" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Button, new() { Name = "I have read this" })).ToHaveCountAsync(0);
        await check.PageAsync(officer, "notice-read");

        // The rate moves.
        await admin.ReloadAsync();
        await Expect(admin.GetByTestId("ack-overall")).ToContainTextAsync("1 of 3 people (33%)");
        await admin.GetByText("Show the numbers by unit as a table").ClickAsync();
        await Expect(admin.GetByTestId("ack-by-unit").GetByRole(AriaRole.Row).Filter(new() { HasText = "Roads Policing" })).ToContainTextAsync("50");
        await check.PageAsync(admin, "notice-acknowledged");

        // Every step of responding to the incident is done.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        var steps = admin.GetByRole(AriaRole.List, new() { Name = $"Respond to {reference}: Roads policing camera supplier" });
        await Expect(steps.Locator(".govuk-task-list__status")).ToHaveTextAsync(["Completed", "Completed", "Completed", "Completed"]);
        await check.PageAsync(admin, "administration-every-step-done");

        check.AssertNoProblems();
    }

    [Fact]
    public async Task Journey7_AnOfficerClaimsForADoorCamera_TwoAssessorsApprove_AndTheAdministratorExportsThePaymentFile()
    {
        var check = new AccessibilityCheck("7-claim-to-payment");
        var unit = "Claims " + Guid.NewGuid().ToString("N")[..6];
        var officer = await portal.Factory.Data.CreatePersonAsync(p => (p.Unit, p.GivenName) = (unit, "Tomasz"));
        var first = await portal.Factory.Data.CreatePersonAsync();
        var second = await portal.Factory.Data.CreatePersonAsync();
        var administrator = await portal.Factory.Data.CreatePersonAsync();
        var scheme = await Schemes.ReimbursementTests.ReimbursementSchemeAsync(portal.Factory, unit, cap: "400");
        var receipt = Schemes.ReimbursementTests.Pdf();

        // On his phone: the scheme, an item with its receipt photographed as a PDF, the declaration, his answers, a reference.
        var page = await portal.SignInAsync(officer.PayNumber, BrowserPortal.Phone, check);
        await page.GotoAsync("/me/claims");
        await check.PageAsync(page, "your-claims");
        await page.GetByRole(AriaRole.Link, new() { Name = "Claim on Home security costs" }).ClickAsync();
        await page.GetByLabel("What you bought").FillAsync("Video doorbell");
        await page.GetByLabel("Who you bought it from").FillAsync("Screwfix");
        await page.GetByLabel("Date on the receipt").FillAsync(Schemes.ReimbursementTests.Day(-2));
        await page.GetByLabel("What you paid").FillAsync("89.99");
        await page.GetByLabel("The receipt", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "doorbell.pdf", MimeType = "application/pdf", Buffer = receipt });
        await check.PageAsync(page, "claim-item");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add this item" }).ClickAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("£89.99");
        await page.GetByLabel("I bought these items to protect myself or my household").CheckAsync();
        await check.PageAsync(page, "claim-items-added");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await check.PageAsync(page, "claim-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the claim" }).ClickAsync();
        var reference = await page.GetByTestId("reference").TextContentAsync();
        Assert.Matches(@"^PC-\d{6}$", reference);
        await check.PageAsync(page, "claim-made");

        // The first assessor finds it in the queue, opens the receipt and approves all of it.
        var assessor = await portal.SignInAsync(first.PayNumber, BrowserPortal.Desktop, check, RoleNames.Claims);
        await assessor.GotoAsync($"/claims?scheme={scheme}");
        await check.PageAsync(assessor, "claims-queue");
        await assessor.GetByRole(AriaRole.Link, new() { Name = reference! }).ClickAsync();
        var download = await assessor.RunAndWaitForDownloadAsync(() => assessor.GetByRole(AriaRole.Link, new() { Name = "Download the receipt for Video doorbell" }).ClickAsync());
        Assert.Equal(receipt, await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        await check.PageAsync(assessor, "claim-to-approve");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(assessor.GetByTestId("status")).ToHaveTextAsync("Approved once, waiting for a second approval");

        // A second, different assessor confirms it.
        var confirming = await portal.SignInAsync(second.PayNumber, BrowserPortal.Desktop, check: null, RoleNames.Claims);
        await confirming.GotoAsync($"/claims/{reference}");
        await confirming.GetByRole(AriaRole.Button, new() { Name = "Approve £89.99 as the second assessor" }).ClickAsync();
        await Expect(confirming.GetByTestId("status")).ToHaveTextAsync("Approved");
        await check.PageAsync(confirming, "claim-approved");

        // The administrator exports the payment file; his claim is on it once.
        var admin = await portal.SignInAsync(administrator.PayNumber, BrowserPortal.Desktop, check: null, RoleNames.Admin);
        await admin.GotoAsync("/admin/payments");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Export the approved claims" }).ClickAsync();
        await Expect(admin.GetByTestId("flash")).ToContainTextAsync("Download it for payroll");
        await check.PageAsync(admin, "payment-files");
        var file = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Table, new() { Name = "Payment files, newest first" }).GetByRole(AriaRole.Link).First.ClickAsync());
        var rows = Schemes.PaymentFileTests.Rows(await File.ReadAllBytesAsync(await file.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Single(rows, r => r[3] == reference);
        Assert.Equal([officer.PayNumber, "89.99"], rows.Single(r => r[3] == reference)[..2]);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Mark paid {file.SuggestedFilename}" }).ClickAsync();
        await Expect(admin.GetByTestId("flash")).ToContainTextAsync("marked paid");

        // He sees it paid.
        await page.GotoAsync($"/me/claims/{reference}");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Paid");
        await check.PageAsync(page, "claim-paid");

        check.AssertNoProblems();
    }

    /// <summary>Uploads a file on the imports page, waits for its check, imports it and waits until it is imported.</summary>
    private static async Task ImportAsync(IPage admin, AccessibilityCheck check, string kind, string? incident, string name, string content, string step)
    {
        await admin.GotoAsync("/admin/imports");
        await admin.GetByRole(AriaRole.Radio, new() { Name = kind }).CheckAsync();
        if (incident is not null)
        {
            await admin.GetByLabel("For a manifest, which incident?").SelectOptionAsync(new SelectOptionValue { Label = incident });
        }

        await admin.GetByLabel("The file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(content) });
        await check.PageAsync(admin, $"{step}-upload");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Expect(admin.GetByTestId("status")).ToHaveTextAsync("Checked", new() { Timeout = 30_000 });
        await Expect(admin.GetByTestId("problem-count")).ToHaveTextAsync("0");
        await check.PageAsync(admin, $"{step}-checked");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Import these changes" }).ClickAsync();
        await Expect(admin.GetByTestId("status")).ToHaveTextAsync("Imported", new() { Timeout = 30_000 });
        await check.PageAsync(admin, $"{step}-imported");
    }

    [Fact]
    public async Task Journey4_AnAffectedOfficerUsingOnlyTheKeyboard_SeesWhatWasHeld_ReadsGuidance_AndGetsAReference()
    {
        var check = new AccessibilityCheck("4-keyboard-only");
        var (officer, incident) = await AffectedOfficerAsync();
        var page = await portal.NewPageAsync(BrowserPortal.Desktop);
        var keys = new KeyboardUser(page);

        // Signing in: the address typed, then only keys.
        await page.GotoAsync("/");
        await check.PageAsync(page, "sign-in");
        await keys.TabToAsync("Skip to main content");
        await keys.TabToAsync("Pay number");
        await page.Keyboard.TypeAsync(officer.PayNumber);
        await keys.TabToAsync("Sign in with this pay number");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Am I affected?", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "am-i-affected");
        await Expect(page.GetByTestId("verdict")).ToContainTextAsync(incident.Title);

        // The skip link, then the first article recommended.
        await keys.TabToAsync("Skip to main content");
        await page.Keyboard.PressAsync("Enter");
        var recommended = (await page.GetByRole(AriaRole.Region, new() { Name = "Guidance for you" }).GetByRole(AriaRole.Link).First.TextContentAsync())!.Trim();
        await keys.TabToAsync(recommended);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = recommended, Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "article");

        await keys.TabToAsync("Ask the welfare team for support");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask for support", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "ask-for-support");

        // The form, by Tab, arrow keys, Space and typing.
        await keys.ChooseAsync("Input.Type", "Report a suspicious approach");
        await keys.ChooseAsync("Input.StatedUrgency", "This week");
        await keys.TabToAsync("What is worrying you?");
        await page.Keyboard.TypeAsync(Worry);
        await keys.ChooseAsync("Input.ContactMethod", "Messages in this portal");
        await keys.TabToAsync("The welfare team may see this request");
        await page.Keyboard.PressAsync("Space");
        await keys.TabToAsync("Continue");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(Worry)).ToBeVisibleAsync();
        await check.PageAsync(page, "check-your-answers");
        await keys.TabToAsync("Send request");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request sent", Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(ReferencePattern(), (await page.GetByTestId("reference").TextContentAsync())!.Trim());
        await check.PageAsync(page, "request-sent");

        Assert.True(keys.Unseen.Count == 0, "Places the keyboard reached with no visible focus:\n" + string.Join("\n", keys.Unseen));
        check.AssertNoProblems();
    }

    [Fact]
    public async Task Journey5_AnOfficerRegistersTheirMobile_TheLaddersTextReachesIt_TheyFollowTheLinkAndConfirm_AndDropOffTheLadder()
    {
        var check = new AccessibilityCheck("5-mobile-and-text");
        var (officer, _) = await AffectedOfficerAsync();
        var page = await portal.SignInAsync(officer.PayNumber, BrowserPortal.Phone, check);
        var received = portal.Texts.Received().Count;

        // Their own mobile, confirmed by the code texted to it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your mobile number" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your mobile number", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "mobile-number");
        await page.GetByLabel("UK mobile number").FillAsync("07700 900461");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code we texted you", Level = 1 })).ToBeVisibleAsync();
        await check.PageAsync(page, "enter-code");
        var codeText = (await portal.Texts.WaitForAsync(received + 1))[received];
        Assert.Equal("447700900461", codeText.To);
        await page.GetByLabel("Code").FillAsync(SixDigits().Match(codeText.Text).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my number" }).ClickAsync();
        await Expect(page.GetByTestId("masked")).ToHaveTextAsync("07\u2022\u2022\u2022 \u2022\u2022\u2022461");
        await check.PageAsync(page, "mobile-confirmed");

        // A notice they have not read, whose ladder texts them after an hour and would write after two.
        var id = await portal.Factory.Data.SendNoticeAsync(officer, "The card supplier breach: please read");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.NoticeCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.TextAfterHours, 1).SetProperty(c => c.LetterAfterHours, 2), TestContext.Current.CancellationToken);
            await db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.SentUtc, DateTime.UtcNow.AddMinutes(-90)), TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<LadderJob>().RunAsync(TestContext.Current.CancellationToken);
        }

        var text = (await portal.Texts.WaitForAsync(received + 2))[received + 1];
        var link = UrlIn().Match(text.Text).Value;
        Assert.Equal($"{portal.BaseUrl}/", link);

        // They follow the link, read the notice and confirm it.
        await page.GotoAsync(link);
        await page.GetByTestId("unread-notice").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have read this" }).ClickAsync();
        await Expect(page.GetByTestId("acknowledged")).ToContainTextAsync("You confirmed you had read this");

        // When the letter falls due, they are no longer on the ladder.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Deliveries.Where(d => d.CampaignId == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.SentUtc, DateTime.UtcNow.AddHours(-3)), TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<LadderJob>().RunAsync(TestContext.Current.CancellationToken);
            Assert.Equal([LadderStep.Text], await db.Escalations.Where(e => e.CampaignId == id).Select(e => e.Step).ToListAsync(TestContext.Current.CancellationToken));
        }

        check.AssertNoProblems();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlIn();

    [Fact]
    public async Task TheCheck_OnAPortalPageGivenProblems_FindsEachOne()
    {
        var check = new AccessibilityCheck("0-the-check-itself");
        var (officer, _) = await AffectedOfficerAsync();
        var page = await portal.SignInAsync(officer.PayNumber, BrowserPortal.Phone, check: null);

        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('afterbegin', '<img src="/favicon.svg"><input type="text"><button type="button"></button>');
              main.insertAdjacentHTML('beforeend', '<pre>' + 'x'.repeat(200) + '</pre>');
            }
            """);
        await check.PageAsync(page, "given-problems");

        var problems = string.Join("\n", check.Problems);
        Assert.Contains("image-alt", problems, StringComparison.Ordinal);
        Assert.Contains("label", problems, StringComparison.Ordinal);
        Assert.Contains("button-name", problems, StringComparison.Ordinal);
        Assert.Contains("scrolls sideways at 320 px wide", problems, StringComparison.Ordinal);
        Assert.Throws<Xunit.Sdk.TrueException>(check.AssertNoProblems);

        // A link whose focus cannot be seen (every style focus changes is pinned), and one that shows it.
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('afterbegin', '<a href="#" id="hidden-focus">Focus unseen</a> <a class="govuk-link" href="#">Focus seen</a>');
              const link = document.getElementById('hidden-focus');
              for (const [name, value] of [['outline', 'none'], ['box-shadow', 'none'], ['background', 'none'], ['color', '#1d70b8'], ['text-decoration', 'none'], ['border', '0']]) {
                link.style.setProperty(name, value, 'important');
              }
            }
            """);
        var keys = new KeyboardUser(page);
        await keys.TabToAsync("Focus unseen");
        await keys.TabToAsync("Focus seen");
        Assert.Equal(["Focus unseen"], keys.Unseen.Select(u => u.Split('\'')[1]));
    }

    /// <summary>
    /// On the "Ask for support" form, as journey 1 shows: answers its questions, checks the answers, sends the request and
    /// returns the reference given. With a check, each page on the way is checked.
    /// </summary>
    private static async Task<string> AskForSupportAsync(IPage page, string type, string urgency, string worry, AccessibilityCheck? check = null)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask for support", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("ask-for-support");
        await page.GetByRole(AriaRole.Radio, new() { Name = type }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = urgency }).CheckAsync();
        await page.GetByLabel("What is worrying you?").FillAsync(worry);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Messages in this portal" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "The welfare team may see this request" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("check-your-answers");
        await Expect(page.GetByText(worry)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request sent", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("request-sent");
        var reference = (await page.GetByTestId("reference").TextContentAsync())!.Trim();
        Assert.Matches(ReferencePattern(), reference);
        return reference;

        async Task CheckAsync(string name)
        {
            if (check is not null)
            {
                await check.PageAsync(page, name);
            }
        }
    }

    /// <summary>A constable whose name, photo and pay number an incident held.</summary>
    private async Task<(Person Officer, Incident Incident)> AffectedOfficerAsync()
    {
        var officer = await portal.Factory.Data.CreatePersonAsync();
        var incident = await portal.Factory.Data.CreateIncidentAsync(i => i.NotIncluded = ["Home address"]);
        await portal.Factory.Data.AddExposureAsync(officer, incident, HeldFields.Name | HeldFields.Photo | HeldFields.PayNumber);
        return (officer, incident);
    }

    [GeneratedRegex(@"^SR-\d{6}$")]
    private static partial Regex ReferencePattern();
}
