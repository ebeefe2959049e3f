using System.Net;
using Portal.Core.DemoData;
using Portal.Web.Infrastructure.DevSignIn;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>The portal as a developer runs it: Development, the seeded 47,000 and the real development sign-in cookie.</summary>
public sealed class DevSignInTests(SeededPortalFactory factory) : IClassFixture<SeededPortalFactory>
{
    internal static async Task<HttpResponseMessage> SignInAsPayNumberAsync(HttpClient browser, string payNumber) =>
        await SignInAsync(browser, "PayNumber", ("Input.PayNumber", payNumber));

    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    internal static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var page = await Html.ReadAsync(await browser.GetAsync("/dev/sign-in", TestContext.Current.CancellationToken));
        return page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
    }

    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string handler, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(browser);
        var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return await browser.PostAsync($"/dev/sign-in?handler={handler}", form, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Get_Home_WhenAnonymous_IsSentToTheDevelopmentSignIn()
    {
        var response = await NewBrowser().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/dev/sign-in?ReturnUrl=%2F", response.Headers.Location!.ToString());
    }

    public static TheoryData<string> PersonaKeys => [.. Personas.All.Select(p => p.Key)];

    [Theory]
    [MemberData(nameof(PersonaKeys))]
    public async Task Persona_SeesExactlyTheirOwnExposure(string key)
    {
        var persona = Personas.Find(key)!;
        var browser = NewBrowser();

        var signIn = await SignInAsync(browser, "Persona", ("Input.Persona", key));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await Html.ReadAsync(await browser.GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains($"{persona.Person.GivenName} {persona.Person.FamilyName}", page.QuerySelector(".govuk-caption-l")!.TextContent);
        var breach = page.Section($"incident-{WorkforceGenerator.SupplierBreachReference}");
        var disclosure = page.Section($"incident-{WorkforceGenerator.DisclosureReference}");
        var workforce = WorkforceGenerator.Generate();
        foreach (var (incident, section) in new[] { (workforce.Incidents[0], breach), (workforce.Incidents[1], disclosure) })
        {
            var expected = incident.Manifest.Where(m => m.PayNumber == persona.PayNumber).Select(m => m.Fields).SingleOrDefault();
            var shown = section.Texts("[data-testid='held'] dt");
            Assert.Equal(Portal.Core.Domain.DataFieldCatalogue.In(expected).Select(f => f.Name), shown);
            Assert.Equal(expected == Portal.Core.Domain.HeldFields.None, section.QuerySelector("[data-testid='not-in-dataset']") is not null);
        }
    }

    [Fact]
    public async Task Persona_UnaffectedStaff_IsToldTheyWereInNoIncident()
    {
        var browser = NewBrowser();
        await SignInAsync(browser, "Persona", ("Input.Persona", "unaffected-staff"));

        var page = await Html.ReadAsync(await browser.GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains("You were not in any incident's data", page.Section("verdict").TextContent);
    }

    [Fact]
    public async Task PayNumberForm_WithRoles_SignsInWithThoseRoles()
    {
        var browser = NewBrowser();

        await SignInAsync(browser, "PayNumber", ("Input.PayNumber", PersonaPeople.AffectedConstable.PayNumber), ("Input.Roles", "Portal.Admin"));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/welfare", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PayNumberForm_WhenBlank_ShowsTheErrorSummaryLinkedToTheField()
    {
        var response = await SignInAsync(NewBrowser(), "PayNumber", ("Input.PayNumber", "  "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        var link = page.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal(("#Input_PayNumber", "Enter a pay number"), (link.GetAttribute("href"), link.TextContent));
        Assert.NotNull(page.QuerySelector("#Input_PayNumber.govuk-input--error"));
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRejected()
    {
        var form = new FormUrlEncodedContent([new("Input.Persona", "administrator")]);

        var response = await NewBrowser().PostAsync("/dev/sign-in?handler=Persona", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAReturnUrlOffSite_StaysOnThePortal()
    {
        var browser = NewBrowser();
        var token = await AntiforgeryTokenAsync(browser);
        var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Persona", "affected-constable")]);

        var response = await browser.PostAsync("/dev/sign-in?handler=Persona&returnUrl=https%3A%2F%2Fevil.example%2F", form, TestContext.Current.CancellationToken);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyLaxAndEndsWithTheBrowserSession()
    {
        var response = await SignInAsync(NewBrowser(), "Persona", ("Input.Persona", "affected-constable"));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Portal.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var browser = NewBrowser();
        await SignInAsync(browser, "Persona", ("Input.Persona", "affected-constable"));
        var home = await Html.ReadAsync(await browser.GetAsync("/", TestContext.Current.CancellationToken));
        var token = home.QuerySelector("form[action='/sign-out'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var signOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);

        Assert.Equal("/signed-out", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }
}
