using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Rate limits on what is worth limiting: signing in, sending support requests, posting messages and downloading
/// exports. Only the acts count (the handlers marked <see cref="RateLimitedAttribute"/>), not reading the page around
/// them; each person has their own allowance, so one cannot use up another's. A refusal is 429 with Retry-After and a
/// page saying when to try again.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SupportRequests = "support-requests";
    public const string Messages = "messages";
    public const string Exports = "exports";

    /// <summary>Checking a statement at /verify: open to anyone, so limited by address.</summary>
    public const string Verifications = "verifications";
    public const string RefusalsRecorded = "refusals-recorded";

    /// <summary>Where the status page finds what a refused form carried, to give it back.</summary>
    public const string UnsentTextKey = "Portal.UnsentText";

    /// <summary>The free text of the forms the message limit covers: a reply, a welfare message, an internal note.</summary>
    private static readonly string[] MessageFields = ["Reply", "Input.Message", "Input.Note"];

    public static void AddPortalRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RateLimiters>();
        builder.Services.AddScoped<RateLimitFilter>();
        builder.Services.Configure<MvcOptions>(options => options.Filters.AddService<RateLimitFilter>());
    }

    /// <summary>
    /// Entra ID's sign-in callback is answered by the authentication middleware before any page, so it is limited
    /// here, by address, ahead of that middleware.
    /// </summary>
    public static IApplicationBuilder UseSignInCallbackRateLimit(this IApplicationBuilder app, string? callbackPath)
    {
        if (string.IsNullOrEmpty(callbackPath))
        {
            return app;
        }

        var path = new PathString(callbackPath);
        var limiters = app.ApplicationServices.GetRequiredService<RateLimiters>();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(path))
            {
                using var lease = await limiters.AcquireAsync(SignIn, context);
                if (!lease.IsAcquired)
                {
                    await RejectAsync(context, lease);
                    return;
                }
            }

            await next(context);
        });
    }

    /// <summary>
    /// 429 with Retry-After in whole seconds; the status page (re-executed) says when to try again. A refused message
    /// is not lost: its text goes to the status page to be copied. (The body is already within the size limit.)
    /// </summary>
    internal static async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (MessageFields.Select(name => form[name].ToString()).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text)) is { } text)
            {
                context.Items[UnsentTextKey] = text;
            }
        }

        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            .LogWarning("Rate limit reached for {Method} {Route}", context.Request.Method, RequestLogging.RouteOf(context));
    }
}
