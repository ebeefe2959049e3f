using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A corpus of script-injection payloads typed, in real Chromium, into every free-text field the portal has — by the
/// person asking for support, the welfare officer, the administrator, and into the searches that echo what was typed —
/// then every page that shows them is opened by whoever would read it. None runs, none adds an element of its own to
/// the page, and no page breaks the Content-Security-Policy.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ScriptInjectionTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    /// <summary>Each payload, if it ran, would set window.__xss (or call alert).</summary>
    private static readonly string[] Corpus =
    [
        "<script>window.__xss='script'</script>",
        "\"><img src=x onerror=\"window.__xss='img'\">",
        "'><svg onload=window.__xss='svg'>",
        "<iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>",
        "<a href=\"javascript:window.__xss='href'\">a</a>",
        "[link](javascript:window.__xss='markdown')",
        "</textarea><script>window.__xss='textarea'</script>",
        "<details open ontoggle=\"window.__xss='toggle'\">x</details>",
        "<style>body{display:none}</style>",
        "javascript:alert('protocol')",
        "{{constructor.constructor('window.__xss=1')()}}",
    ];

    /// <summary>For single-line fields of 200 characters or fewer.</summary>
    private static readonly string Short = string.Join(" ", Corpus[0], Corpus[1], Corpus[2]);

    private static readonly string Long = string.Join("\n", Corpus);

    /// <summary>Elements a payload could add: the portal's own pages have none (no inline script or style, no handlers).</summary>
    private const string InjectedElements =
        "() => [...document.querySelectorAll('script:not([src]), iframe, object, embed, style, details[ontoggle], [onerror], [onload], [onclick], [ontoggle], a[href^=\"javascript:\" i], img[src=\"x\"]')].map(e => e.outerHTML.slice(0, 120))";

    private readonly List<string> problems = [];

    [Fact]
    public async Task EveryFreeTextField_ShownWhereverItAppears_RunsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var requester = await portal.Factory.Data.CreatePersonAsync();
        var lead = await portal.Factory.Data.CreatePersonAsync();
        var admin = await portal.Factory.Data.CreatePersonAsync();
        var staff = await Watched(await portal.PageAsync(requester.PayNumber));
        var welfare = await Watched(await portal.PageAsync(lead.PayNumber, RoleNames.WelfareLead));
        var administrator = await Watched(await portal.PageAsync(admin.PayNumber, RoleNames.Admin));

        // The person asking for support: their description, then a reply.
        await staff.GotoAsync("/support/new");
        await staff.CheckAsync("input[name='Input.Type'][value='SuspiciousApproach']");
        await staff.CheckAsync("input[name='Input.StatedUrgency'][value='Today']");
        await staff.FillAsync("#Input_Description", Long);
        await staff.CheckAsync("input[name='Input.ContactMethod'][value='Phone']");
        await staff.FillAsync("#Input_ContactPhone", "07700 900982");
        await staff.CheckAsync("#Input_ConsentToShare");
        await staff.ClickAsync("button:has-text('Continue')");
        await CheckedAsync(staff, "the check-your-answers page");
        await staff.ClickAsync("button:has-text('Send request')");
        var reference = (await staff.Locator("[data-testid='reference']").TextContentAsync())!.Trim();
        await staff.GotoAsync($"/support/{reference}");
        await staff.FillAsync("#Reply", Long);
        await staff.ClickAsync("button:has-text('Send message')");
        await CheckedAsync(staff, "the requester's request page");

        // The welfare lead reads it, messages, notes and reprioritises with a reason.
        await welfare.GotoAsync($"/welfare/requests/{reference}");
        await CheckedAsync(welfare, "the welfare request page");
        await welfare.FillAsync("#Input_Message", Long);
        await welfare.ClickAsync("button:has-text('Send message')");
        await welfare.FillAsync("#Input_Note", Long);
        await welfare.ClickAsync("button:has-text('Add note')");
        await welfare.ClickAsync("summary:has-text('Change the priority')");
        await welfare.SelectOptionAsync("#Input_Priority", "Critical");
        await welfare.FillAsync("#Input_Reason", Short);
        await welfare.ClickAsync("button:has-text('Change priority')");
        await CheckedAsync(welfare, "the welfare request page after message, note and priority");
        await welfare.GotoAsync("/welfare");
        await CheckedAsync(welfare, "the welfare queue", showsTheText: false);
        await staff.GotoAsync($"/support/{reference}");
        await CheckedAsync(staff, "the requester's page with the welfare message");

        // The administrator records an incident and an update, which the affected read on "Am I affected?".
        await administrator.GotoAsync("/admin/incidents/new");
        await administrator.FillAsync("#Input_Reference", "INC-2026-999");
        await administrator.FillAsync("#Input_Title", Short);
        await administrator.FillAsync("#Input_Source", Short);
        await administrator.FillAsync("#Input_Summary", Long);
        await administrator.CheckAsync("input[name='Input.Status'][value='Confirmed']");
        await administrator.FillAsync("#Input_OccurredOn", "1/11/2026");
        await administrator.FillAsync("#Input_DiscoveredOn", "2/11/2026");
        await administrator.FillAsync("#Input_NotIncluded", Long);
        await administrator.ClickAsync("button:has-text('Record the incident')");
        await administrator.FillAsync("#UpdateText", Long);
        await administrator.ClickAsync("button:has-text('Post the update')");
        await CheckedAsync(administrator, "the incident page");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var incident = await db.Incidents.SingleAsync(i => i.Reference == "INC-2026-999", ct);
            db.Exposures.Add(new Exposure { IncidentId = incident.Id, PersonId = requester.Id, Fields = HeldFields.Name | HeldFields.Photo, UpdatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        await staff.GotoAsync("/");
        await CheckedAsync(staff, "Am I affected?");

        // Guidance: previewed, published, read and searched for.
        await administrator.GotoAsync("/admin/guidance/new");
        await administrator.FillAsync("#Input_Title", Short);
        await administrator.FillAsync("#Input_Slug", "injected-article");
        await administrator.FillAsync("#Input_Summary", Long[..Math.Min(Long.Length, 480)]);
        await administrator.FillAsync("#Input_Body", Long);
        await administrator.ClickAsync("button:has-text('Preview')");
        await CheckedAsync(administrator, "the guidance preview");
        await administrator.ClickAsync("button:has-text('Publish')");
        await CheckedAsync(administrator, "the published article's editor");
        await staff.GotoAsync("/guidance/injected-article");
        await CheckedAsync(staff, "the article");
        await staff.GotoAsync("/guidance");
        await staff.FillAsync("#q", Short[..100]);
        await staff.ClickAsync("button:has-text('Search')");
        await CheckedAsync(staff, "guidance search results");

        // A notice: composed, previewed, and read by its recipient.
        await administrator.GotoAsync("/admin/campaigns/new");
        await administrator.FillAsync("#Input_Subject", Short);
        await administrator.FillAsync("#Input_Body", "Dear ((given_name)),\n" + Long + "\n((notice_link))");
        await administrator.CheckAsync("#Input_Audience");
        await administrator.ClickAsync("button:has-text('Save and preview')");
        await CheckedAsync(administrator, "the campaign page");
        var campaignId = int.Parse(administrator.Url.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Deliveries.Add(new Delivery { CampaignId = campaignId, PersonId = requester.Id, Status = DeliveryStatus.Sent, SentUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        await staff.GotoAsync("/notices");
        await CheckedAsync(staff, "my notices", showsTheText: false);
        await staff.GotoAsync($"/notices/{campaignId}");
        await CheckedAsync(staff, "the notice");
        await administrator.GotoAsync("/admin/campaigns");
        await CheckedAsync(administrator, "the campaign list", showsTheText: false);

        // Searches and sign-in that say back what was typed.
        await administrator.GotoAsync("/admin/audit");
        await administrator.FillAsync("#actor", Short[..100]);
        await administrator.FillAsync("#person", Short[..100]);
        await administrator.ClickAsync("button:has-text('Apply filters')");
        await CheckedAsync(administrator, "the audit trail filtered by the payloads", showsAnError: true);
        await administrator.GotoAsync("/admin/audit");
        await CheckedAsync(administrator, "the audit trail listing them", showsTheText: false);
        var anonymous = await Watched(await portal.PageAsync(null));
        await anonymous.GotoAsync("/dev/sign-in");
        await anonymous.FillAsync("#Input_PayNumber", Short[..20]);
        await anonymous.ClickAsync("button:has-text('Sign in with this pay number')");
        await CheckedAsync(anonymous, "the development sign-in's error", showsTheText: false, showsAnError: true);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(portal.PolicyViolations.Count == 0, "Content-Security-Policy violations:\n" + string.Join(Environment.NewLine, portal.PolicyViolations));
    }

    /// <summary>A page that records any dialog a payload opens, and where.</summary>
    private async Task<IPage> Watched(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            problems.Add($"{page.Url}: a {dialog.Type} opened saying \"{dialog.Message}\"");
            await dialog.DismissAsync();
        };
        await page.Context.AddInitScriptAsync("window.__xss = undefined;");
        return page;
    }

    /// <summary>
    /// After the page has settled: nothing set the marker, and no element of a payload's is in it. Unless told otherwise,
    /// the page shows the typed text (as text) and no error; a list may show only part of it, and a refused input only
    /// the error.
    /// </summary>
    private async Task CheckedAsync(IPage page, string what, bool showsTheText = true, bool showsAnError = false)
    {
        await BrowserPortal.LoadedAsync(page);
        if (!showsAnError && await page.Locator(".govuk-error-summary").CountAsync() > 0)
        {
            problems.Add($"{what} ({page.Url}) showed an error instead of the content: {await page.Locator(".govuk-error-summary").InnerTextAsync()}");
        }

        var marker = await page.EvaluateAsync<string?>("() => window.__xss === undefined ? null : String(window.__xss)");
        if (marker is not null)
        {
            problems.Add($"{what} ({page.Url}): the '{marker}' payload ran");
        }

        var injected = await page.EvaluateAsync<string[]>(InjectedElements);
        if (injected.Length > 0)
        {
            problems.Add($"{what} ({page.Url}) has elements a payload added: {string.Join(" | ", injected)}");
        }

        var text = await page.Locator("main").InnerTextAsync();
        if (showsTheText && !text.Contains("window.__xss", StringComparison.Ordinal))
        {
            problems.Add($"{what} ({page.Url}) does not show the typed text as text");
        }
    }
}
