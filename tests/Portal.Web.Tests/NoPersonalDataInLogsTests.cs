using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Testing;
using Portal.Web.Infrastructure.DevSignIn;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// The logs of a whole journey through the portal, at every level from every component, hold no name, pay number or
/// e-mail address of anyone in the seeded workforce: the journey signs in, reads, asks for support, works the request,
/// imports a manifest (one with a problem, one clean), sends a campaign through a real SMTP server, acknowledges it,
/// searches and exports the audit trail, and downloads "your data".
/// </summary>
public sealed partial class NoPersonalDataInLogsTests
{
    [Fact]
    public async Task AWholeJourney_LogsNoNamePayNumberOrEmailOfAnyone()
    {
        await using var sink = await SmtpSink.StartAsync();
        var logs = new LogCapture();
        await using var factory = new SeededPortalFactory { Logs = logs }.SendingThrough(sink);
        var ct = TestContext.Current.CancellationToken;
        var constable = await SignedInAsync(factory, "Persona", ("Input.Persona", "affected-constable"));
        var someone = await SignedInAsync(factory, "PayNumber", ("Input.PayNumber", (WorkforceGenerator.FirstPayNumber + 500).ToString(CultureInfo.InvariantCulture)));
        var officer = await SignedInAsync(factory, "Persona", ("Input.Persona", "welfare-officer"));
        var admin = await SignedInAsync(factory, "Persona", ("Input.Persona", "administrator"));

        // An affected constable reads what was held, and guidance, and asks for support.
        var home = await Html.ReadAsync(await constable.GetAsync("/", ct));
        Assert.NotNull(home.QuerySelector("h1"));
        var guidance = await Html.ReadAsync(await constable.GetAsync("/guidance", ct));
        await constable.GetAsync(guidance.QuerySelector("main a[href^='/guidance/']")!.GetAttribute("href"), ct);
        await someone.GetAsync("/", ct);
        var reference = await constable.AskForSupportAsync();

        // The welfare officer finds it, takes it, notes and messages; the constable replies.
        await officer.GetAsync("/welfare", ct);
        var request = $"/welfare/requests/{reference}";
        var version = (await Html.ReadAsync(await officer.GetAsync(request, ct))).QuerySelector("input[name='Version']")?.GetAttribute("value") ?? "0";
        await officer.SubmitAsync(request, request + "?handler=Take", ("Version", version));
        await officer.SubmitAsync(request, request + "?handler=Note", ("Note", "Checked the front desk log."));
        await officer.SubmitAsync(request, request + "?handler=Message", ("Message", "We will call you this afternoon."));
        await constable.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", "Thank you."));

        // The administrator records an incident, imports its manifest (first with a problem, then clean) and warns those in it.
        var created = await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new",
            ("Input.Reference", "INC-2026-901"), ("Input.Title", "Canteen card reader"), ("Input.Source", "Canteen supplier"),
            ("Input.Summary", "The canteen's card reader kept names."), ("Input.Status", "Confirmed"),
            ("Input.OccurredOn", "1/11/2026"), ("Input.DiscoveredOn", "2/11/2026"), ("Input.NotIncluded", "Home addresses"));
        var incidentId = created.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0];
        var people = Personas.All.Select(p => p.PayNumber).Take(3).ToList();
        var withProblem = $"pay_number,fields_held\n{people[0]},name;photo\n{people[1]},name;shoe_size\n{people[0]},name\n";
        var failed = await UploadAsync(admin, withProblem, incidentId);
        await admin.GetAsync(failed + "?handler=Report", ct);
        var clean = await UploadAsync(admin, $"pay_number,fields_held\n{string.Join("\n", people.Select(p => p + ",name;photo"))}\n", incidentId);
        await admin.SubmitAsync(clean, clean + "?handler=Apply");
        await WaitAsync(admin, clean);
        var draft = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", "The canteen card reader"), ("Input.Body", "Dear ((given_name)), please sign in: ((notice_link))"),
            ("Input.Audience", "Incident"), ("Input.AudienceIncidentId", incidentId), ("Input.Version", "0"));
        var campaignId = int.Parse(draft.Headers.Location!.OriginalString.Split('/')[^2], CultureInfo.InvariantCulture);
        var send = $"/admin/campaigns/{campaignId}/send";
        var campaignVersion = (await Html.ReadAsync(await admin.GetAsync(send, ct))).QuerySelector("form[action*='handler=Send'] input[name='Version']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(send, send + "?handler=Send", ("Version", campaignVersion), ("Schedule.When", "now"))).StatusCode);
        await NoticeHost.WaitForAsync(() => factory.ProgressAsync(campaignId), p => p.Status == CampaignStatus.Completed);

        // The constable reads and acknowledges the notice, and downloads their data; the administrator checks the trail.
        await constable.GetAsync("/notices", ct);
        await constable.GetAsync($"/notices/{campaignId}", ct);
        await constable.SubmitAsync($"/notices/{campaignId}", $"/notices/{campaignId}");
        await constable.GetAsync("/me/data?handler=Download", ct);
        var confirmed = await admin.ConfirmedAsync("/admin/audit");
        await admin.GetAsync($"/admin/audit?person={people[0]}&{confirmed}", ct);
        await admin.GetAsync($"/admin/audit?person={people[0]}&handler=Export&{confirmed}", ct);
        await admin.GetAsync($"/admin/campaigns/{campaignId}/failures?handler=Download", ct);
        await admin.GetAsync($"/admin/campaigns/{campaignId}/failures", ct);
        await admin.GetAsync($"/admin/campaigns/{campaignId}", ct);

        var log = string.Join("\n", logs.Lines);
        Assert.True(logs.Lines.Count > 100, $"Only {logs.Lines.Count} log lines were captured; the capture is not working.");
        Assert.Contains("Microsoft.EntityFrameworkCore.Database.Command", log, StringComparison.Ordinal);
        Assert.Contains("GET /admin/audit answered 200", log, StringComparison.Ordinal);
        Assert.Contains("GET /support/{reference} answered", log, StringComparison.Ordinal);
        Assert.Equal(3, sink.Received().Count);
        var found = PersonalDataIn(log, WorkforceGenerator.Generate().People);
        Assert.True(found.Count == 0, "Personal data in the logs:\n" + string.Join("\n", found.Take(20)));
    }

    [Fact]
    public async Task ARequest_IsOneLineNamingItsRoute_EvenWhenAnErrorPageIsShownForIt()
    {
        var logs = new LogCapture();
        await using var factory = new PortalFactory { Logs = logs };
        var person = await factory.Data.CreatePersonAsync();

        var client = factory.ClientAs(person.PayNumber);
        var signedIn = logs.Lines.Count;

        var response = await client.GetAsync("/support/SR-987654", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(logs.Lines.Skip(signedIn), l => l.Contains("Portal.Requests", StringComparison.Ordinal));
        Assert.Contains("GET /support/{reference} answered 404", line, StringComparison.Ordinal);
        Assert.DoesNotContain("987654", line, StringComparison.Ordinal);
    }

    /// <summary>Each line that names, numbers or addresses someone in the workforce, with what it held.</summary>
    private static List<string> PersonalDataIn(string log, IReadOnlyList<Portal.Core.Imports.PersonnelRecord> people)
    {
        // Numbers the framework logs that are not about anyone: durations and response sizes.
        var scrubbed = FrameworkNumbers().Replace(log, "#");
        var payNumbers = people.Select(p => p.PayNumber).ToHashSet(StringComparer.Ordinal);
        var names = people.Select(p => $"{p.GivenName} {p.FamilyName}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var emails = people.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        foreach (var line in scrubbed.Split('\n'))
        {
            var what = new StringBuilder();
            foreach (Match number in SixDigits().Matches(line))
            {
                if (payNumbers.Contains(number.Value))
                {
                    what.Append(CultureInfo.InvariantCulture, $" pay number {number.Value};");
                }
            }

            foreach (Match email in Emails().Matches(line))
            {
                if (emails.Contains(email.Value))
                {
                    what.Append(CultureInfo.InvariantCulture, $" e-mail {email.Value};");
                }
            }

            foreach (Match pair in NamePairs().Matches(line))
            {
                if (names.Contains(pair.Value))
                {
                    what.Append(CultureInfo.InvariantCulture, $" name {pair.Value};");
                }
            }

            if (what.Length > 0)
            {
                found.Add($"{what}: {line[..Math.Min(line.Length, 300)]}");
            }
        }

        return found;
    }

    private static async Task<HttpClient> SignedInAsync(SeededPortalFactory factory, string handler, params (string, string)[] fields)
    {
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await DevSignInTests.SignInAsync(browser, handler, fields)).StatusCode);
        return browser;
    }

    private static async Task<string> UploadAsync(HttpClient admin, string csv, string incidentId)
    {
        var response = await admin.UploadAsync("/admin/imports", "/admin/imports", ("Upload", "manifest.csv", Encoding.UTF8.GetBytes(csv)), ("Kind", "Manifest"), ("IncidentId", incidentId));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var address = response.Headers.Location!.OriginalString;
        await WaitAsync(admin, address);
        return address;
    }

    private static async Task WaitAsync(HttpClient admin, string address)
    {
        await NoticeHost.WaitForAsync(
            async () => (await Html.ReadAsync(await admin.GetAsync(address, TestContext.Current.CancellationToken))).QuerySelector("[data-testid=running]") is null,
            done => done);
    }

    [GeneratedRegex(@"\d+(\.\d+)?\s?ms\b|- \d{3} \d+ |Content-Length: \d+|\b\d+ bytes\b")]
    private static partial Regex FrameworkNumbers();

    [GeneratedRegex(@"(?<![\w.])\d{6}(?![\w])")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"[\w.'+-]+@[\w.-]+")]
    private static partial Regex Emails();

    [GeneratedRegex(@"\p{Lu}[\p{L}'-]+ \p{Lu}[\p{L}'-]+")]
    private static partial Regex NamePairs();
}
