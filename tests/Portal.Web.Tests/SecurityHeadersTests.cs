using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]                      // a signed-in page about the person
    [InlineData("/no-such-page")]          // the not-found page, through the status-code handler
    [InlineData("/css/portal.css")]        // a static file
    public async Task EveryResponse_ForbidsInlineScriptFramingSniffingAndReferrers(string path)
    {
        var person = await factory.Data.CreatePersonAsync();

        var response = await factory.ClientAs(person.PayNumber).GetAsync(path, TestContext.Current.CancellationToken);

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task PortalPages_HaveNoInlineScriptOrStyleForThePolicyToBlock()
    {
        var person = await factory.Data.CreatePersonAsync();

        var page = await Html.ReadAsync(await factory.ClientAs(person.PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        Assert.All(page.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src"), "every script is a file of the portal's own"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task JobsDashboard_KeepsFramingDeniedWhileAllowingHangfiresOwnMarkup()
    {
        var admin = await factory.Data.CreatePersonAsync();

        var response = await factory.ClientAs(admin.PayNumber, RoleNames.Admin).GetAsync("/admin/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signInOrigin = AuthenticationSetup.SignInOrigin(factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        Assert.Equal(SecurityHeaders.WithSignInProvider(SecurityHeaders.JobsDashboardPolicy, signInOrigin), Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Theory]
    [InlineData("GET", "/admin/jobs/stats")]
    [InlineData("POST", "/admin/jobs/stats")]
    [InlineData("GET", "/admin/jobs/no-such-page")]
    [InlineData("POST", "/admin/jobs/jobs/enqueued/delete")]
    public async Task JobsDashboard_AnswersEveryAddressWithoutAFailure(string method, string path)
    {
        var admin = await factory.Data.CreatePersonAsync();

        var response = await factory.ClientAs(admin.PayNumber, RoleNames.Admin).SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode}");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage?.RequestUri?.AbsolutePath} ({(int)response.StatusCode})");
}
