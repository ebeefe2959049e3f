using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Oidc;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Signing in as the force will run it: the Production environment, Microsoft.Identity.Web's real scheme, HTTPS, and a
/// provider speaking real OpenID Connect (<see cref="TestIdentityProvider"/>, standing in for Entra ID) — in Chromium,
/// through the provider's own login page, the authorization code flow with PKCE, and back.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OpenIdConnectSignInTests : IAsyncLifetime
{
    private TestIdentityProvider provider = null!;
    private PortalFactory portal = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private string portalUrl = "";

    public async ValueTask InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync(codeLifetime: TimeSpan.FromSeconds(3));
        portal = new PortalFactory { EnvironmentName = "Production", TestAuthentication = false, Settings = provider.PortalSettings };
        portal.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(LoopbackCertificate.WithKey)));
        portal.StartServer();
        portalUrl = portal.ListeningAddress;
        await WarmUpAsync();
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserPortal.ChromiumPath,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>
    /// Makes the first challenge once before any browser waits on it: the portal reads the provider's metadata and keys,
    /// and both servers answer their first request, which on a loaded two-core machine can take longer than a page load.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(1) };
        var challenge = await client.GetAsync(portalUrl + "/");
        if (challenge.Headers.Location is { } login)
        {
            (await client.GetAsync(login)).Dispose();
        }

        challenge.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        await portal.DisposeAsync();
        await provider.DisposeAsync();
    }

    /// <summary>A fresh browser, its own cookies, trusting the loopback certificate as the force's browsers trust its CA.</summary>
    private async Task<IPage> BrowserAsync()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = portalUrl, IgnoreHTTPSErrors = true, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the portal, is sent to the provider, signs in there as <paramref name="userName"/> and comes back.</summary>
    private async Task<IPage> SignInAsync(string userName, string path = "/")
    {
        var page = await BrowserAsync();
        await LogInAtTheProviderAsync(page, userName, path);
        await page.WaitForURLAsync(url => url.StartsWith(portalUrl, StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens the portal at <paramref name="path"/>, is sent to the provider's login page, and signs in there.</summary>
    private async Task LogInAtTheProviderAsync(IPage page, string userName, string path = "/")
    {
        await page.GotoAsync(path);
        Assert.StartsWith(provider.Address.ToString(), page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task<string> HeadingAsync(IPage page) => (await page.Locator("h1").First.TextContentAsync())!.Trim();

    [Fact]
    public async Task AnOfficer_SignsInAtTheProvider_AndSeesTheirOwnRecord_MatchedByTheirPayNumber()
    {
        var person = await portal.Data.CreatePersonAsync(p => p.GivenName = "Siobhán");
        provider.Add(new TestUser("siobhan", person.PayNumber, "not-her-work-address@elsewhere.example"));

        var page = await SignInAsync("siobhan");

        Assert.Equal(portalUrl + "/", page.Url);
        Assert.Equal("Am I affected?", await HeadingAsync(page));
        Assert.Contains(await page.Context.CookiesAsync(), cookie => cookie.Name == "__Host-Portal.Session" && cookie.Secure && cookie.HttpOnly);
    }

    [Fact]
    public async Task ASignInWithoutAPayNumber_IsMatchedByWorkEmail()
    {
        var person = await portal.Data.CreatePersonAsync();
        provider.Add(new TestUser("by-email", PayNumber: null, person.Email.ToUpperInvariant()));

        var page = await SignInAsync("by-email", "/me/data");

        Assert.Equal(portalUrl + "/me/data", page.Url);
        var download = await page.APIRequest.GetAsync("/me/data?handler=Download");
        Assert.Contains(person.PayNumber, await download.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesInTheToken_OpenWelfareAndAdministration_AndNoRoleOpensNeither()
    {
        var lead = await portal.Data.CreatePersonAsync();
        var staff = await portal.Data.CreatePersonAsync();
        provider.Add(new TestUser("lead-and-admin", lead.PayNumber, lead.Email, RoleNames.WelfareLead, RoleNames.Admin));
        provider.Add(new TestUser("staff", staff.PayNumber, staff.Email));

        var leadPage = await SignInAsync("lead-and-admin", "/welfare");
        var welfare = await HeadingAsync(leadPage);
        var admin = await leadPage.GotoAsync("/admin");
        var staffPage = await SignInAsync("staff");
        var refused = await staffPage.GotoAsync("/admin");

        Assert.NotEqual("You do not have access to this page", welfare);
        Assert.Equal(200, admin!.Status);
        Assert.Equal(403, refused!.Status);
        Assert.Equal("You do not have access to this page", await HeadingAsync(staffPage));
    }

    [Fact]
    public async Task ATokenForNoOneOnRecord_ShowsWhomToContact_AndNoOnesData()
    {
        provider.Add(new TestUser("stranger", "ZZ999999", "stranger@elsewhere.example"));

        var page = await SignInAsync("stranger");

        Assert.Equal(portalUrl + "/no-record", page.Url);
        Assert.Equal("We cannot find your record", await HeadingAsync(page));
    }

    [Fact]
    public async Task ACallbackForgedReplayedOrTooLate_ShowsThePageThatSaysSo()
    {
        var person = await portal.Data.CreatePersonAsync();
        provider.Add(new TestUser("officer", person.PayNumber, person.Email));

        // Forged: a callback the portal never asked for.
        var forged = await BrowserAsync();
        var forgedAnswer = await forged.APIRequest.PostAsync("/signin-oidc", new() { Form = Form(forged, ("code", "forged"), ("state", "not-ours")), MaxRedirects = 0 });

        // Replayed: the very callback that signed someone in, sent again.
        var replaying = await BrowserAsync();
        var callback = new Dictionary<string, string>();
        await replaying.RouteAsync("**/signin-oidc", async route =>
        {
            foreach (var pair in (route.Request.PostData ?? "").Split('&'))
            {
                var parts = pair.Split('=', 2);
                callback[WebUtility.UrlDecode(parts[0])] = WebUtility.UrlDecode(parts[1]);
            }

            await route.ContinueAsync();
        });
        await LogInAtTheProviderAsync(replaying, "officer");
        await replaying.WaitForURLAsync(portalUrl + "/");
        var replayed = await replaying.APIRequest.PostAsync("/signin-oidc", new() { Form = Form(replaying, [.. callback.Select(kv => (kv.Key, kv.Value))]), MaxRedirects = 0 });

        // Too late: the provider's code has expired by the time it reaches the portal.
        var late = await BrowserAsync();
        await late.RouteAsync("**/signin-oidc", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            await route.ContinueAsync();
        });
        await LogInAtTheProviderAsync(late, "officer");
        await late.WaitForURLAsync(portalUrl + "/sign-in-problem");

        Assert.NotEmpty(callback);
        foreach (var answer in new[] { forgedAnswer, replayed })
        {
            Assert.Equal(302, answer.Status);
            Assert.Equal("/sign-in-problem", answer.Headers["location"]);
        }

        Assert.Equal("Sign-in did not finish", await HeadingAsync(late));
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionAtThePortalAndAtTheProvider()
    {
        var person = await portal.Data.CreatePersonAsync();
        provider.Add(new TestUser("leaving", person.PayNumber, person.Email));
        var page = await SignInAsync("leaving");
        var cookieBefore = (await page.Context.CookiesAsync()).Single(c => c.Name == "__Host-Portal.Session");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(portalUrl + "/signed-out");
        var signedOut = await HeadingAsync(page);
        await page.GotoAsync("/");
        var atProvider = page.Url;
        var loginPage = await page.GetByLabel("Username").CountAsync();

        // A copy of the cookie from before is refused too.
        var copy = await BrowserAsync();
        await copy.Context.AddCookiesAsync([new() { Name = cookieBefore.Name, Value = cookieBefore.Value, Url = portalUrl + "/", Secure = true }]);
        var replayed = await copy.APIRequest.GetAsync("/me/data?handler=Download", new() { MaxRedirects = 0 });

        Assert.Equal("You have signed out", signedOut);
        Assert.StartsWith(provider.Address.ToString(), atProvider, StringComparison.Ordinal);
        Assert.Equal(1, loginPage);
        Assert.Equal(302, replayed.Status);
        Assert.StartsWith(provider.Address.ToString(), replayed.Headers["location"], StringComparison.Ordinal);
    }

    private static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
