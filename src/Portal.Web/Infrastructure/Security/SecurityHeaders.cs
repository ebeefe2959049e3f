namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// The headers every response carries, so that a browser refuses what the portal never does: run script that is not
/// one of its own files, be framed by another page, guess a download's type, send the address of a page about a
/// person to another site, or use the camera, microphone or location.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The portal's own pages: scripts, styles, images and requests only from itself, and no inline script or style.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// Hangfire's dashboard (administrators only) is Hangfire's own markup, which the portal cannot change: it may use
    /// inline script and style. Everything else is as strict as the portal's pages.
    /// </summary>
    public static readonly string JobsDashboardPolicy = ContentSecurityPolicy
        .Replace("script-src 'self';", "script-src 'self' 'unsafe-inline';", StringComparison.Ordinal)
        .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>
    /// The policy with the sign-in provider's origin (Entra ID's, from <c>AzureAd:Instance</c>) added to
    /// <c>form-action</c>: signing out is a form whose answer is a redirect to the provider, to end the session there
    /// too, and browsers hold a form's redirects to <c>form-action</c> as well.
    /// </summary>
    public static string WithSignInProvider(string policy, string? signInOrigin) =>
        signInOrigin is null ? policy : policy.Replace("form-action 'self';", $"form-action 'self' {signInOrigin};", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, PathString jobsDashboard, string? signInOrigin)
    {
        var pages = WithSignInProvider(ContentSecurityPolicy, signInOrigin);
        var dashboard = WithSignInProvider(JobsDashboardPolicy, signInOrigin);
        return app.Use((context, next) =>
        {
            // Decided now: the dashboard moves the path into PathBase while it answers.
            var policy = context.Request.Path.StartsWithSegments(jobsDashboard) ? dashboard : pages;

            // Set as the response starts, so a response rewritten by the error handler carries them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A response that sets a policy of its own keeps it (a receipt download is sandboxed: nothing in it runs).
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = policy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
