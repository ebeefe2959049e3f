using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>A session ends after 30 idle minutes, and after 8 hours however busy, not after the framework's 14 days.</summary>
public sealed class SessionLifetimeTests
{
    private static async Task<(PortalFactory Factory, HttpClient Browser, TestClock Clock)> SignedInAsync()
    {
        var clock = new TestClock();
        var factory = new PortalFactory { TestAuthentication = false, Clock = clock };
        var person = await factory.Data.CreatePersonAsync();
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await DevSignInTests.SignInAsPayNumberAsync(browser, person.PayNumber);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        return (factory, browser, clock);
    }

    [Fact]
    public async Task Session_AfterThirtyOneIdleMinutes_AsksToSignInAgain()
    {
        var (factory, browser, clock) = await SignedInAsync();
        await using var _ = factory;

        clock.Advance(TimeSpan.FromMinutes(31));
        var response = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dev/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Session_KeptBusy_StillEndsAfterEightHours()
    {
        var (factory, browser, clock) = await SignedInAsync();
        await using var _ = factory;

        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < TimeSpan.FromHours(8); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(25));
        var response = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dev/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_EndsTheSession_SoACopyOfTheCookieKeptFromBeforeIsRefused()
    {
        await using var factory = new PortalFactory { TestAuthentication = false };
        var person = await factory.Data.CreatePersonAsync();
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await DevSignInTests.SignInAsPayNumberAsync(browser, person.PayNumber);
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("Portal.Session=", StringComparison.Ordinal)).Split(';')[0];
        var reference = await browser.AskForSupportAsync();
        var copy = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        var before = await copy.GetAsync($"/support/{reference}", TestContext.Current.CancellationToken);

        var home = await Html.ReadAsync(await browser.GetAsync("/", TestContext.Current.CancellationToken));
        var token = home.QuerySelector("form[action='/sign-out'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        await browser.PostAsync("/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        var request = await copy.GetAsync($"/support/{reference}", TestContext.Current.CancellationToken);
        var data = await copy.GetAsync("/me/data?handler=Download", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        foreach (var after in new[] { request, data })
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Contains("/dev/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignOut_OnOneNode_EndsTheSessionOnEveryNodeSharingTheDatabase()
    {
        await using var first = new PortalFactory { TestAuthentication = false };
        var person = await first.Data.CreatePersonAsync();
        // A second node: the same database (and so the same data-protection keys and sessions), a process of its own.
        await using var second = new PortalFactory { TestAuthentication = false, SameDatabaseAs = first };
        var browser = first.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await DevSignInTests.SignInAsPayNumberAsync(browser, person.PayNumber);
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("Portal.Session=", StringComparison.Ordinal)).Split(';')[0];
        var onSecond = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        onSecond.DefaultRequestHeaders.Add("Cookie", cookie);
        var before = await onSecond.GetAsync("/", TestContext.Current.CancellationToken);

        var home = await Html.ReadAsync(await browser.GetAsync("/", TestContext.Current.CancellationToken));
        var token = home.QuerySelector("form[action='/sign-out'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        await browser.PostAsync("/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        var after = await onSecond.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/dev/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
