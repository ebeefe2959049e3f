using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class AccessibilityStatementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Statement_IsOpenToAnyone_AndNamesTheContactFromSettings()
    {
        await using var configured = new PortalFactory { Settings = { ["Portal:AccessibilityContact"] = "the Digital Team on extension 7777" } };

        var response = await configured.AnonymousClient().GetAsync("/accessibility", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.Equal("Accessibility statement for the Exposure Portal", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("the Digital Team on extension 7777", page.Section("contact").TextContent);
        Assert.Contains("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard", page.Body!.TextContent);
        Assert.Contains(page.Section("known-issues").Texts("li"), item => item.Contains("background jobs dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryPage_SignedInOrNot_LinksToTheStatementFromItsFooter()
    {
        var person = await factory.Data.CreatePersonAsync();
        var ct = TestContext.Current.CancellationToken;

        var signedIn = await Html.ReadAsync(await factory.ClientAs(person.PayNumber).GetAsync("/guidance", ct));
        var signedOut = await Html.ReadAsync(await factory.AnonymousClient().GetAsync("/signed-out", ct));

        foreach (var page in new[] { signedIn, signedOut })
        {
            Assert.Equal("/accessibility", page.QuerySelector("footer a[href='/accessibility']")?.GetAttribute("href"));
        }
    }
}
