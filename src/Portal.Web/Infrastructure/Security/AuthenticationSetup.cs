using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using Portal.Core.Sessions;
using Portal.Web.Infrastructure.DevSignIn;

namespace Portal.Web.Infrastructure.Security;

public static class AuthenticationSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);
    private const string SignedInAtKey = "portal.signed_in_utc";
    /// <summary>The claim that carries the id of the sign-in's <see cref="Portal.Core.Domain.SignInSession"/>.</summary>
    public const string SessionClaim = "portal_session";
    public const string SignInProblemPath = "/sign-in-problem";

    /// <summary>Where Entra ID sends the browser back after sign-in, or null when Entra ID is not configured.</summary>
    public static string? CallbackPath(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]) ? null : configuration["AzureAd:CallbackPath"] is { Length: > 0 } path ? path : "/signin-oidc";

    /// <summary>Where Entra ID answers (scheme, host and port of <c>AzureAd:Instance</c>), or null when Entra ID is not configured.</summary>
    public static string? SignInOrigin(IConfiguration configuration) =>
        CallbackPath(configuration) is null ? null
            : new Uri(configuration["AzureAd:Instance"] is { Length: > 0 } instance ? instance : "https://login.microsoftonline.com/").GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Entra ID through Microsoft.Identity.Web when <c>AzureAd:ClientId</c> is set; the development sign-in
    /// when <c>DevSignIn:Enabled</c> is true, which only the Development environment allows.
    /// </summary>
    public static void AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var entra = configuration.GetSection("AzureAd");
        var entraConfigured = !string.IsNullOrWhiteSpace(entra["ClientId"]);
        var devSignIn = DevSignInOptions.From(configuration);

        if (devSignIn.Enabled && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"DevSignIn:Enabled is true but the environment is {environment.EnvironmentName}. The development sign-in lets anyone act as " +
                "anyone and exists only in the Development environment. Remove DevSignIn:Enabled from this environment's settings and configure the AzureAd section.");
        }

        if (!entraConfigured && !devSignIn.Enabled)
        {
            throw new InvalidOperationException(
                "No sign-in is configured. Set AzureAd:TenantId, AzureAd:ClientId and AzureAd:ClientSecret (see appsettings.sample.json and README), " +
                "or, in the Development environment only, DevSignIn:Enabled = true.");
        }

        if (entraConfigured)
        {
            builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(entra, OpenIdConnectDefaults.AuthenticationScheme, CookieScheme);
            // After Microsoft.Identity.Web's own configuration, which would otherwise set it back: claims keep the names
            // Entra ID gives them ("roles", "oid", "employeeid", "preferred_username"). Mapped to the framework's long
            // names, "roles" would not be the role claim type and no role would hold.
            builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.MapInboundClaims = false;
                if (options.TokenHandler is Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler tokens)
                {
                    tokens.MapInboundClaims = false;
                }
            });
            builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.TokenValidationParameters.RoleClaimType = RoleNames.ClaimType;
                options.TokenValidationParameters.NameClaimType = "name";
                var earlier = options.Events.OnRemoteFailure;
                options.Events.OnRemoteFailure = async context =>
                {
                    await earlier(context);
                    if (context.Result?.Handled == true)
                    {
                        return;
                    }

                    // A callback that cannot finish (expired, replayed, cancelled or forged) is a page that says so,
                    // not an error. The failure's type is logged; its message may quote what was sent.
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthenticationSetup))
                        .LogWarning("Sign-in through Entra ID did not finish: {Failure}", context.Failure?.GetType().Name);
                    context.Response.Redirect(SignInProblemPath);
                    context.HandleResponse();
                };
            });
        }
        else
        {
            builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme);
        }

        var secure = !environment.IsDevelopment();
        builder.Services.Configure<CookieAuthenticationOptions>(CookieScheme, options =>
        {
            // A __Host- cookie must be Secure, host-only and for path "/": it cannot be set by a sibling domain.
            options.Cookie.Name = secure ? "__Host-Portal.Session" : "Portal.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            if (!entraConfigured)
            {
                options.LoginPath = DevSignInOptions.Path;
            }

            options.LogoutPath = "/sign-out";
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // A signed-in person without the role gets 403, not a redirect to a sign-in page.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnSigningIn = async context =>
            {
                context.Properties.Items[SignedInAtKey] = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                var services = context.HttpContext.RequestServices;
                await CurrentPerson.KeepInSessionAsync(context.Principal!, services.GetRequiredService<Portal.Core.People.PersonMatcher>(), context.HttpContext.RequestAborted);
                var session = await services.GetRequiredService<SignInSessions>()
                    .StartAsync(WelfareUsers.SubjectOf(context.Principal!) ?? "unknown", context.HttpContext.RequestAborted);
                ((System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!).AddClaim(new(SessionClaim, session));
            };
            options.Events.OnSigningOut = async context =>
            {
                // Ends the session in the database, so that a copy of this cookie kept from before is refused on every node.
                if (context.HttpContext.User.FindFirst(SessionClaim)?.Value is { } session)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAsync(session, context.HttpContext.RequestAborted);
                }
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                // Sliding renewal moves IssuedUtc, so the absolute limit counts from the sign-in itself.
                var signedInAt = context.Properties.Items.TryGetValue(SignedInAtKey, out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
                var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
                if (signedInAt is null || now - signedInAt > AbsoluteLifetime
                    || context.Principal?.FindFirst(SessionClaim)?.Value is not { } session
                    || !await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().IsOpenAsync(session, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieScheme);
                }
            };
        });

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = secure ? "__Host-Portal.Antiforgery" : "Portal.Antiforgery";
            options.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            // Every response already denies framing (SecurityHeaders); antiforgery would add SAMEORIGIN beside it.
            options.SuppressXFrameOptionsHeader = true;
        });
    }
}
