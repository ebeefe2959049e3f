using Microsoft.Playwright;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// The pages the four journeys do not pass through, each opened by whoever uses it (staff on a phone, the welfare team
/// and administrators at a desk, anyone for the pages open to all), with forms sent empty to show their errors; and
/// "Am I affected?" printed.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OtherPagesTests(JourneyPortal portal) : IClassFixture<JourneyPortal>
{
    [Fact]
    public async Task EveryOtherPage_AsThoseWhoUseItSeeIt_HasNoAccessibilityProblems()
    {
        var check = new AccessibilityCheck("5-other-pages");
        var person = await portal.Factory.Data.CreatePersonAsync();
        var incident = await portal.Factory.Data.CreateIncidentAsync();
        await portal.Factory.Data.AddExposureAsync(person, incident, HeldFields.Name | HeldFields.VettingLevel);
        var notice = await portal.Factory.Data.SendNoticeAsync(person, "Your vetting level was exposed");

        // Open to anyone.
        var anyone = await portal.NewPageAsync(BrowserPortal.Phone);
        await VisitAsync(anyone, "/accessibility", "accessibility-statement", "Accessibility statement for the Exposure Portal");
        await VisitAsync(anyone, "/signed-out", "signed-out", "You have signed out");
        await VisitAsync(anyone, "/sign-in-problem", "sign-in-problem", "Sign-in did not finish");

        // Staff, on a phone.
        var staff = await portal.SignInAsync(person.PayNumber, BrowserPortal.Phone, check: null);
        await VisitAsync(staff, "/guidance", "guidance", "Guidance");
        await VisitAsync(staff, "/guidance?q=electoral", "guidance-search", "Guidance");
        await VisitAsync(staff, "/notices", "notices", "Your notices");
        await VisitAsync(staff, $"/notices/{notice}", "notice", "Your vetting level was exposed");
        await VisitAsync(staff, "/me/data", "your-data", "Your data");
        await VisitAsync(staff, "/me/claims", "your-claims", "Your claims");
        await VisitAsync(staff, "/support", "no-support-requests", "My support requests");
        await VisitAsync(staff, "/support/new", null, "Ask for support");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ErrorsAsync(staff, "ask-for-support-with-errors");
        await VisitAsync(staff, "/no-such-page", "not-found", "Page not found");
        await VisitAsync(await portal.SignInAsync(TestData.NewPayNumber(), BrowserPortal.Phone, check: null), "/", "no-record", "We cannot find your record");

        // The welfare team, at a desk.
        var lead = await portal.SignInAsync((await portal.Factory.Data.CreatePersonAsync()).PayNumber, BrowserPortal.Desktop, check: null, RoleNames.WelfareLead);
        await VisitAsync(lead, "/welfare?status=all&sort=newest", "welfare-queue-all", "Welfare queue");
        await VisitAsync(lead, "/welfare/workload", "workload", "Workload");
        await VisitAsync(lead, "/welfare/alerts", "alerts", "Your alerts");
        await VisitAsync(lead, "/welfare/replies/new", null, "Add a saved reply");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Save the reply" }).ClickAsync();
        await ErrorsAsync(lead, "saved-reply-with-errors");
        await lead.GetByLabel("Title").FillAsync("Home security survey booked");
        await lead.GetByLabel("The reply").FillAsync("Dear ((given_name)), your survey for ((reference)) is booked.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Save the reply" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saved replies");
        await check.PageAsync(lead, "saved-replies");

        // Oversight, on a phone (the board reads its figures anywhere): the page and its charts, and the board packs.
        var oversight = await portal.SignInAsync((await portal.Factory.Data.CreatePersonAsync()).PayNumber, BrowserPortal.Phone, check: null, RoleNames.Oversight);
        await VisitAsync(oversight, "/oversight", "oversight", "Oversight");
        await Expect(oversight.Locator("canvas[data-chart-table='notices-by-day']")).ToBeVisibleAsync();
        await VisitAsync(oversight, "/oversight/packs", "board-packs", "Daily board packs");

        // A claims assessor, at a desk.
        var assessor = await portal.SignInAsync((await portal.Factory.Data.CreatePersonAsync()).PayNumber, BrowserPortal.Desktop, check: null, RoleNames.Claims);
        await VisitAsync(assessor, "/claims?status=", "claims-queue", "Claims");

        // Administrators, at a desk.
        var admin = await portal.SignInAsync((await portal.Factory.Data.CreatePersonAsync()).PayNumber, BrowserPortal.Desktop, check: null, RoleNames.Admin);
        await VisitAsync(admin, "/admin/guidance", "admin-guidance", "Guidance");
        await admin.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        await check.PageAsync(admin, "admin-guidance-article");
        await VisitAsync(admin, "/admin/schemes/new", null, "Set up a protection scheme");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the scheme" }).ClickAsync();
        await ErrorsAsync(admin, "scheme-with-errors");
        await VisitAsync(admin, "/admin/schemes", "schemes", "Protection schemes");
        await VisitAsync(admin, "/admin/guidance/new", null, "Write an article");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await ErrorsAsync(admin, "admin-guidance-new-with-errors");
        await VisitAsync(admin, $"/admin/audit?person={person.PayNumber}", "audit-trail", "Audit trail");
        await VisitAsync(admin, "/admin/campaigns", "notices-list", "Notices");
        await VisitAsync(admin, "/admin/campaigns/new", null, "Compose a notice");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }).ClickAsync();
        await ErrorsAsync(admin, "compose-a-notice-with-errors");
        await VisitAsync(admin, $"/admin/incidents/{incident.Id}/report", "report-to-the-regulator", "Report to the regulator");
        await admin.GetByLabel("What happened").FillAsync("");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save a new version" }).ClickAsync();
        await ErrorsAsync(admin, "report-to-the-regulator-with-errors");
        await VisitAsync(admin, $"/admin/incidents/{incident.Id}/evidence", "decisions-and-evidence", "Decisions and evidence");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await ErrorsAsync(admin, "decisions-with-errors");
        await VisitAsync(admin, "/admin/incidents/new", null, "Record an incident");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record the incident" }).ClickAsync();
        await ErrorsAsync(admin, "record-an-incident-with-errors");
        await VisitAsync(admin, "/admin/imports", null, "Imports");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await ErrorsAsync(admin, "imports-with-errors");

        check.AssertNoProblems();

        async Task VisitAsync(IPage page, string path, string? name, string heading)
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            if (name is not null)
            {
                await check.PageAsync(page, name);
            }
        }

        // A form sent empty: the error summary, which takes focus, lists each problem and links to its field.
        async Task ErrorsAsync(IPage page, string name)
        {
            await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
            var summary = page.GetByRole(AriaRole.Alert);
            await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
            Assert.True(await summary.GetByRole(AriaRole.Link).CountAsync() > 0, $"{name}: the error summary links to no field.");
            Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
            await check.PageAsync(page, name);
        }
    }

    [Fact]
    public async Task WelfareAndAdministrationPages_OnAPhone_FitTheScreen_TheirWideTablesScrollingInTheirOwnBoxes()
    {
        var check = new AccessibilityCheck("7-welfare-and-administration-on-a-phone");
        var person = await portal.Factory.Data.CreatePersonAsync();
        var notice = await portal.Factory.Data.SendNoticeAsync(person, "A notice with a long subject, to see how its row fits");
        var both = await portal.SignInAsync(person.PayNumber, BrowserPortal.Phone, check: null, RoleNames.WelfareLead, RoleNames.Admin);

        foreach (var (path, name) in new[]
        {
            ("/welfare", "welfare-queue"), ("/admin", "administration"), ("/admin/incidents", "incidents"), ("/admin/imports", "imports"),
            ("/admin/guidance", "guidance"), ("/admin/campaigns", "notices"), ($"/admin/campaigns/{notice}", "notice"), ($"/admin/campaigns/{notice}/failures", "notice-failures"), ("/admin/audit", "audit-trail"),
            ("/admin/incidents/new", "record-an-incident"), ("/admin/campaigns/new", "compose-a-notice"), ("/admin/guidance/new", "write-an-article"),
        })
        {
            await both.GotoAsync(path);
            await check.PageAsync(both, name);
        }

        await both.GotoAsync("/welfare");
        var queue = both.GetByRole(AriaRole.Region, new() { Name = "Support requests" });
        Assert.True(await queue.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "At 320 px the queue's table should be wider than its box, and scroll within it.");
        check.AssertNoProblems();
    }

    [Fact]
    public async Task ThePortal_CarriesTheForcesNameInArial_AndNoGovUkBranding()
    {
        var person = await portal.Factory.Data.CreatePersonAsync();
        var page = await portal.SignInAsync(person.PayNumber, BrowserPortal.Desktop, check: null);

        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link).First).ToHaveTextAsync("Northshire Police");
        Assert.DoesNotContain("GOV.UK", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".govuk-header__logotype, .govuk-logo, svg[class*='crown'], .govuk-footer__copyright-logo").CountAsync());
        foreach (var element in new[] { "h1", "body", "button" })
        {
            Assert.StartsWith("arial", await page.EvalOnSelectorAsync<string>(element, "e => getComputedStyle(e).fontFamily.toLowerCase()"), StringComparison.Ordinal);
        }

        var fonts = await page.EvaluateAsync<string[]>("() => [...document.fonts].map(f => f.family)");
        Assert.Empty(fonts);
        Assert.Equal(404, (await page.APIRequest.GetAsync("/assets/images/govuk-crest.svg")).Status);
    }

    [Fact]
    public async Task AmIAffected_Printed_IsARecordOfWhatWasHeld_WithoutTheSitesNavigation()
    {
        var artifacts = AccessibilityCheck.FolderFor("6-printed");
        var person = await portal.Factory.Data.CreatePersonAsync();
        var incident = await portal.Factory.Data.CreateIncidentAsync();
        await portal.Factory.Data.AddExposureAsync(person, incident, HeldFields.Name | HeldFields.Photo);
        var page = await portal.SignInAsync(person.PayNumber, BrowserPortal.Desktop, check: null);
        var print = page.GetByRole(AriaRole.Button, new() { Name = "Print what was held about you" });
        await Expect(print).ToBeVisibleAsync();
        await Expect(page.GetByTestId("printed")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.GetByTestId("printed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("printed")).ToContainTextAsync("Printed from the Exposure Portal of Northshire Police on ");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = incident.Title })).ToBeVisibleAsync();
        var section = page.GetByTestId($"incident-{incident.Reference}");
        await Expect(section.GetByTestId("held").Locator("dt")).ToHaveTextAsync(["Your name", "Your photo"]);
        await Expect(section.GetByTestId("not-held")).ToContainTextAsync("Your vetting level");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What to do next" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await Expect(page.GetByTestId("guidance-for-me")).ToBeHiddenAsync();
        await Expect(print).ToBeHiddenAsync();
        await Expect(page.Locator("footer")).ToBeHiddenAsync();

        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "am-i-affected-printed.png"), FullPage = true });
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(artifacts, "am-i-affected.pdf"), Format = "A4", PrintBackground = true });
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);

        // Without scripts the button could not print, so it is not shown; the browser's own Print gives the same page.
        var withoutScripts = await portal.SignInAsync(person.PayNumber, BrowserPortal.Desktop, check: null, javaScript: false);
        await Expect(withoutScripts.GetByRole(AriaRole.Heading, new() { Name = incident.Title })).ToBeVisibleAsync();
        await Expect(withoutScripts.GetByRole(AriaRole.Button, new() { Name = "Print what was held about you" })).ToBeHiddenAsync();
    }
}
