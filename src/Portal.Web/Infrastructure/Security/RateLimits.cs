using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure.Security;

/// <summary>The <c>RateLimits</c> section: how often one person (or, before sign-in, one address) may do each thing.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in attempts from one client address a minute: the development sign-in's form, or Entra ID's callback.</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Support requests one person may send in an hour.</summary>
    [Range(1, 10_000)]
    public int SupportRequestsPerHour { get; set; } = 5;

    /// <summary>Messages, replies and internal notes one person may post in an hour.</summary>
    [Range(1, 10_000)]
    public int MessagesPerHour { get; set; } = 60;

    /// <summary>Downloads of exports (the audit trail, a campaign's failures, an import's report, "my data") one person may make in an hour.</summary>
    [Range(1, 10_000)]
    public int ExportsPerHour { get; set; } = 20;

    /// <summary>
    /// Refused attempts (another person's request, a page the role does not open) recorded in the audit trail for one
    /// person a minute. Every attempt is still refused; past this, the rest of the minute's are counted in the log only,
    /// so that nobody can fill the audit trail with text of their choosing.
    /// </summary>
    [Range(1, 10_000)]
    public int RefusalsRecordedPerMinute { get; set; } = 10;
}

/// <summary>
/// Marks a page handler whose every run counts against a limit. The limit is decided by the handler Razor Pages
/// actually selected, so no spelling of the address (<c>?handler=reply&amp;handler=x</c>, another case) can reach the
/// act without being counted, and nothing that does not run the act is counted.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

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

/// <summary>One fixed-window limiter for each policy, partitioned by person (or, before sign-in, by address).</summary>
public sealed class RateLimiters : IDisposable
{
    private readonly Dictionary<string, PartitionedRateLimiter<HttpContext>> limiters;

    public RateLimiters(IOptions<RateLimitOptions> options)
    {
        var l = options.Value;
        limiters = new(StringComparer.Ordinal)
        {
            [RateLimits.SignIn] = Limiter(l.SignInsPerMinute, TimeSpan.FromMinutes(1), byPerson: false),
            [RateLimits.SupportRequests] = Limiter(l.SupportRequestsPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.Messages] = Limiter(l.MessagesPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.Exports] = Limiter(l.ExportsPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.RefusalsRecorded] = Limiter(l.RefusalsRecordedPerMinute, TimeSpan.FromMinutes(1), byPerson: true),
        };
    }

    public ValueTask<RateLimitLease> AcquireAsync(string policy, HttpContext context) =>
        limiters.TryGetValue(policy, out var limiter)
            ? limiter.AcquireAsync(context, 1, context.RequestAborted)
            : throw new InvalidOperationException($"There is no rate limit called \"{policy}\". Use one of {string.Join(", ", limiters.Keys)}.");

    private static PartitionedRateLimiter<HttpContext> Limiter(int permits, TimeSpan window, bool byPerson) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var who = byPerson ? WelfareUsers.SubjectOf(context.User) : null;
            return RateLimitPartition.GetFixedWindowLimiter(who is null ? "address:" + context.Connection.RemoteIpAddress : "person:" + who,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
        });

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>Counts each run of a handler marked <see cref="RateLimitedAttribute"/>, once Razor Pages has selected it.</summary>
public sealed class RateLimitFilter(RateLimiters limiters) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<RateLimitedAttribute>() is { } limited)
        {
            using var lease = await limiters.AcquireAsync(limited.Policy, context.HttpContext);
            if (!lease.IsAcquired)
            {
                await RateLimits.RejectAsync(context.HttpContext, lease);
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }

        await next();
    }
}
