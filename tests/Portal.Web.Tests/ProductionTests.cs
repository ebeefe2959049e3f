using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>The portal in the Production environment, signing in through Entra ID.</summary>
public sealed class ProductionTests
{
    private static readonly Dictionary<string, string?> Entra = new()
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
        ["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000",
        ["AzureAd:CallbackPath"] = "/signin-oidc",
    };

    private sealed class EntraPortalFactory : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Entra ID is not reachable from here: give the handler the endpoints it would have discovered.
            Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
                services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
                {
                    var configuration = new OpenIdConnectConfiguration
                    {
                        Issuer = $"https://login.microsoftonline.com/{Entra["AzureAd:TenantId"]}/v2.0",
                        AuthorizationEndpoint = $"https://login.microsoftonline.com/{Entra["AzureAd:TenantId"]}/oauth2/v2.0/authorize",
                        EndSessionEndpoint = $"https://login.microsoftonline.com/{Entra["AzureAd:TenantId"]}/oauth2/v2.0/logout",
                    };
                    options.Configuration = configuration;
                    options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                }));
        }
    }

    [Fact]
    public async Task Anonymous_IsSentToEntraIdToSignIn()
    {
        await using var factory = new EntraPortalFactory { EnvironmentName = "Production", TestAuthentication = false, Settings = Entra };

        var response = await factory.AnonymousClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"https://login.microsoftonline.com/{Entra["AzureAd:TenantId"]}/oauth2/v2.0/authorize", location);
        Assert.Contains($"client_id={Entra["AzureAd:ClientId"]}", location);
    }

    [Fact]
    public async Task DevSignIn_DoesNotExistInProduction()
    {
        await using var factory = new EntraPortalFactory { EnvironmentName = "Production", Settings = Entra };
        var person = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(person.PayNumber);

        var get = await client.GetAsync("/dev/sign-in", TestContext.Current.CancellationToken);
        var post = await client.PostAsync("/dev/sign-in?handler=Persona", new FormUrlEncodedContent([new("Input.Persona", "administrator")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void Start_WithDevSignInEnabledInProduction_StopsWithAClearMessage()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", Settings = new(Entra) { ["DevSignIn:Enabled"] = "true" } };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("DevSignIn:Enabled is true but the environment is Production", error.Message);
    }

    [Fact]
    public void Start_WithoutAKeyForTheAuditTrail_StopsWithAClearMessage()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", Settings = new(Entra) { ["Audit:CurrentKey"] = "" } };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("The audit trail has no key to seal it with. Set Audit:Keys:<id>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithSyntheticSeedInProduction_StopsWithAClearMessage()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", Settings = Entra, Seed = true };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Seed:Enabled is true but the environment is Production", error.Message);
    }

    [Fact]
    public void Start_WithReceiptsKeptUnderTheWebRoot_StopsWithAClearMessage()
    {
        var webRoot = Portal.Web.Infrastructure.PortalPaths.FindWebRoot();
        using var factory = new PortalFactory { EnvironmentName = "Production", Settings = new(Entra) { ["Claims:ReceiptDirectory"] = Path.Combine(webRoot, "receipts") } };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Claims:ReceiptDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("is inside the web root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithNoSignInConfigured_StopsWithAClearMessage()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production" };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("No sign-in is configured", error.Message);
    }

    [Fact]
    public async Task SessionCookie_InProduction_IsHostPrefixedSecureWithIdleAndAbsoluteLimits()
    {
        await using var factory = new EntraPortalFactory { EnvironmentName = "Production", TestAuthentication = false, Settings = Entra };
        _ = factory.Server;

        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);

        Assert.Equal("__Host-Portal.Session", options.Cookie.Name);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.True(options.Cookie.HttpOnly);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
    }

    [Fact]
    public async Task SignInCallback_ThatCannotFinish_IsAPageSayingSo_AndPastTheLimitFromOneAddressIs429()
    {
        await using var factory = new EntraPortalFactory
        {
            EnvironmentName = "Production",
            TestAuthentication = false,
            Settings = new(Entra) { ["RateLimits:SignInsPerMinute"] = "2" },
        };
        var client = factory.AnonymousClient();

        // What a replayed or forged callback carries: no state the portal issued.
        Task<HttpResponseMessage> CallbackAsync() => client.PostAsync("/signin-oidc",
            new FormUrlEncodedContent([new("code", "forged"), new("state", "not-ours")]), TestContext.Current.CancellationToken);
        var first = await CallbackAsync();
        var second = await CallbackAsync();
        var third = await CallbackAsync();
        var problem = await Html.ReadAsync(await client.GetAsync(first.Headers.Location!, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/sign-in-problem", first.Headers.Location!.OriginalString);
        Assert.Equal("Sign-in did not finish", problem.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/me/data?handler=Download", "")]
    [InlineData("/support/new/check", "")]
    [InlineData("/admin/audit?handler=Export", RoleNames.Admin)]
    [InlineData("/welfare/requests/SR-999999", RoleNames.Welfare)]
    public async Task RateLimitedPages_WithEntraIdConfigured_AnswerAsTheyDoElsewhere(string url, string role)
    {
        await using var factory = new EntraPortalFactory { EnvironmentName = "Production", Settings = Entra };
        var person = await factory.Data.CreatePersonAsync();
        var client = role.Length == 0 ? factory.ClientAs(person.PayNumber) : factory.ClientAs(person.PayNumber, role);

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }

    /// <summary>The portal in Production on a real loopback port, as a proxy on the same machine reaches it.</summary>
    private static (EntraPortalFactory Factory, HttpClient Client) OnARealPort(params (string Key, string Value)[] settings)
    {
        var factory = new EntraPortalFactory { EnvironmentName = "Production", TestAuthentication = false, Settings = new(Entra) { ["AllowedHosts"] = "portal.example.test" } };
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.ListeningAddress;
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Host = "portal.example.test";
        return (factory, client);
    }

    [Fact]
    public async Task BehindAConfiguredProxyThatEndsTls_EveryResponseCarriesHsts()
    {
        var (factory, client) = OnARealPort(("Proxy:KnownProxies:0", "127.0.0.1"));
        await using var _ = factory;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.20.0.5")]
    public async Task ForwardedHeaders_FromLoopbackThatIsNotAConfiguredProxy_AreIgnored(string proxy)
    {
        var (factory, client) = proxy.Length == 0
            ? OnARealPort(("RateLimits:SignInsPerMinute", "2"))
            : OnARealPort(("RateLimits:SignInsPerMinute", "2"), ("Proxy:KnownProxies:0", proxy));
        await using var _ = factory;

        // A caller that picks a new X-Forwarded-For for each try would get a fresh sign-in allowance each time if it were believed.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/signin-oidc") { Content = new FormUrlEncodedContent([new("state", "not-ours")]) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            request.Headers.Add("X-Forwarded-Proto", "https");
            var r = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(r.StatusCode);
        }

        Assert.True(statuses[2] == HttpStatusCode.TooManyRequests, string.Join(",", statuses));
        using var health = new HttpRequestMessage(HttpMethod.Get, "/health");
        health.Headers.Add("X-Forwarded-Proto", "https");
        Assert.False((await client.SendAsync(health, TestContext.Current.CancellationToken)).Headers.Contains("Strict-Transport-Security"),
            "HSTS was sent for a request that only claimed to have come over HTTPS.");
    }

    [Fact]
    public async Task ARequestForAHostThePortalIsNotFor_IsRefusedWithoutBuildingAnAddressFromIt()
    {
        var (factory, client) = OnARealPort(("Proxy:KnownProxies:0", "127.0.0.1"));
        await using var _ = factory;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var ours = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, ours.StatusCode);
        Assert.DoesNotContain("evil.example", ours.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    public void Start_InProductionAnsweringToAnyHost_StopsWithAClearMessage(string hosts)
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", Settings = new(Entra) { ["AllowedHosts"] = hosts } };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Set it to the host names people use to reach the portal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WhenEntraIdCannotBeReached_StillEndsThePortalsSession_AndSaysWhatRemains()
    {
        // The stand-in's endpoints are on a host this machine cannot reach, as when Entra ID is down.
        await using var factory = new PortalFactory { EnvironmentName = "Production", Settings = Entra };
        var person = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(person.PayNumber);

        var signOut = await client.SubmitAsync("/", "/sign-out");
        var page = await Html.ReadAsync(await client.GetAsync(signOut.Headers.Location!, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signed-out?provider=unreachable", signOut.Headers.Location!.OriginalString);
        Assert.Contains("could not be reached to sign you out there too", page.Section("provider-unreachable").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_InProduction_AnswersWithoutSignIn()
    {
        await using var factory = new EntraPortalFactory { EnvironmentName = "Production", TestAuthentication = false, Settings = Entra };

        var response = await factory.AnonymousClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
