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
}
