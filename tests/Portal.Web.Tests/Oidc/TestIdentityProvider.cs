using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.Web.Tests.Oidc;

/// <summary>Someone the provider can sign in: the claims Entra ID would put in their ID token.</summary>
public sealed record TestUser(string UserName, string? PayNumber, string? Email, params string[] Roles)
{
    /// <summary>Entra ID's object id for the user: stable for a user name.</summary>
    public string ObjectId => new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(UserName))[..16]).ToString();
}

/// <summary>
/// A stand-in for Microsoft Entra ID that speaks real OpenID Connect on loopback over HTTPS: discovery at Entra's
/// addresses (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>), the authorization code flow with PKCE, a login
/// page, signed ID tokens shaped like Entra's (<c>tid</c>, <c>oid</c>, <c>roles</c>, <c>preferred_username</c>,
/// <c>employeeid</c>), and sign-out that ends its own session. Built on OpenIddict's server. The portal is pointed at it
/// through its <c>AzureAd</c> settings alone (<see cref="PortalSettings"/>).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string TenantId = "5b1c3f0e-7d2a-4c8e-9f61-2a4d8e0b7c35";
    public const string ClientId = "0e7f4c2a-91d3-4b6e-8a05-c3d2f1e0b9a7";

    /// <summary>The portal's client secret at this provider: a test value, not a secret.</summary>
    public const string ClientSecret = "loopback-test-client-secret";

    private const string SessionCookie = "idp.session";
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, TestUser> users = new(StringComparer.OrdinalIgnoreCase);

    private TestIdentityProvider(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The provider's address: <c>https://localhost:{port}/</c>.</summary>
    public Uri Address { get; }

    /// <summary>How many times someone has signed in at the login page (not silently, from an existing session).</summary>
    public int LoginsAtThePage => loginsAtThePage;

    private int loginsAtThePage;

    /// <summary>The <c>AzureAd</c> settings that point the portal at this provider, as it would be pointed at Entra ID.</summary>
    public Dictionary<string, string?> PortalSettings => new()
    {
        ["AzureAd:Instance"] = Address.ToString(),
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
        ["AzureAd:ResponseType"] = "code",
        ["AzureAd:CallbackPath"] = "/signin-oidc",
        ["AzureAd:SignedOutCallbackPath"] = "/signout-callback-oidc",
    };

    public void Add(TestUser user) => users[user.UserName] = user;

    /// <summary>Starts the provider; its authorization codes last <paramref name="codeLifetime"/> (Entra ID's are short too).</summary>
    public static async Task<TestIdentityProvider> StartAsync(TimeSpan? codeLifetime = null)
    {
        var port = FreePort();
        var address = new Uri($"https://localhost:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(LoopbackCertificate.WithKey)));
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(new Uri(address, $"{TenantId}/v2.0"));
            server.SetAuthorizationEndpointUris($"{TenantId}/oauth2/v2.0/authorize")
                .SetTokenEndpointUris($"{TenantId}/oauth2/v2.0/token")
                .SetEndSessionEndpointUris($"{TenantId}/oauth2/v2.0/logout")
                .SetConfigurationEndpointUris($"{TenantId}/v2.0/.well-known/openid-configuration", $"{TenantId}/.well-known/openid-configuration")
                .SetJsonWebKeySetEndpointUris($"{TenantId}/discovery/v2.0/keys");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.SetAuthorizationCodeLifetime(codeLifetime ?? TimeSpan.FromMinutes(5));
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption();
            // No database of clients or tokens: the one client is checked here.
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri is null || !context.RedirectUri.EndsWith("/signin-oidc", StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(_ => default));
        });

        var app = builder.Build();
        var provider = new TestIdentityProvider(app, address);
        app.MapMethods($"/{TenantId}/oauth2/v2.0/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)provider.AuthorizeAsync);
        app.MapMethods($"/{TenantId}/oauth2/v2.0/logout", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            http.Response.Cookies.Delete(SessionCookie);
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        await app.StartAsync();
        return provider;
    }

    /// <summary>The login page, or — with a session here already — straight back to the portal, as Entra ID does.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        TestUser? user = null;
        if (http.Request.HasFormContentType && (await http.Request.ReadFormAsync()).TryGetValue("username", out var typed))
        {
            if (!users.TryGetValue(typed.ToString(), out user))
            {
                return LoginPage(request, $"There is no account called {typed}.");
            }

            Interlocked.Increment(ref loginsAtThePage);
            http.Response.Cookies.Append(SessionCookie, user.UserName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.None });
        }
        else if (http.Request.Cookies.TryGetValue(SessionCookie, out var session) && request.Prompt != PromptValues.Login)
        {
            users.TryGetValue(session, out user);
        }

        if (user is null)
        {
            return LoginPage(request, null);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
        identity.AddClaim(new Claim(Claims.Subject, "sub-" + user.ObjectId));
        identity.AddClaim(new Claim("oid", user.ObjectId));
        identity.AddClaim(new Claim("tid", TenantId));
        identity.AddClaim(new Claim("ver", "2.0"));
        identity.AddClaim(new Claim(Claims.Name, "Test user " + user.UserName));
        if (user.Email is not null)
        {
            identity.AddClaim(new Claim(Claims.PreferredUsername, user.Email));
        }

        if (user.PayNumber is not null)
        {
            identity.AddClaim(new Claim("employeeid", user.PayNumber));
        }

        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim("roles", role));
        }

        foreach (var claim in identity.Claims)
        {
            claim.SetDestinations(Destinations.IdentityToken);
        }

        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult LoginPage(OpenIddictRequest request, string? problem)
    {
        var carried = string.Concat(request.GetParameters()
            .Where(p => p.Key != "username")
            .Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode((string?)p.Value)}\">"));
        var error = problem is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>";
        return Results.Content(
            $"<!doctype html><html lang=\"en\"><head><title>Sign in to the test identity provider</title></head><body><main>" +
            $"<h1>Sign in</h1>{error}<form method=\"post\">{carried}<label for=\"username\">Username</label> " +
            "<input id=\"username\" name=\"username\" autocomplete=\"username\"> <button type=\"submit\">Sign in</button></form></main></body></html>",
            "text/html");
    }

    /// <summary>
    /// Signs <paramref name="portal"/> (a client of a portal under test) in as <paramref name="user"/> the way a browser
    /// does: the portal's challenge, this provider's login page, the form it posts back, and the portal's callback.
    /// </summary>
    public async Task SignInAsync(HttpClient portal, TestUser user)
    {
        var challenge = await portal.GetAsync("/");
        if (challenge.Headers.Location is not { } authorize || !authorize.ToString().StartsWith(Address.ToString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The portal did not send the browser to the provider to sign in: {(int)challenge.StatusCode} {challenge.Headers.Location}");
        }

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var login = await browser.GetStringAsync(authorize);
        var answer = await (await browser.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent([.. HiddenFields(login), new("username", user.UserName)]))).Content.ReadAsStringAsync();
        var action = System.Text.RegularExpressions.Regex.Match(answer, "action=\"([^\"]+)\"").Groups[1].Value;
        var callback = await portal.PostAsync(new Uri(WebUtility.HtmlDecode(action)).PathAndQuery, new FormUrlEncodedContent(HiddenFields(answer)));
        if (callback.StatusCode != HttpStatusCode.Redirect || callback.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {user.UserName} did not finish: {(int)callback.StatusCode} {callback.Headers.Location}");
        }
    }

    private static List<KeyValuePair<string, string>> HiddenFields(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
