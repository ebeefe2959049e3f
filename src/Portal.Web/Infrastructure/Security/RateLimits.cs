using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
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
}

/// <summary>
/// Rate limits on what is worth limiting: signing in, sending support requests, posting messages and downloading
/// exports. Only the acts count (a form's POST, an export's GET), not reading the page around them; each person has
/// their own allowance, so one cannot use up another's. A refusal is 429 with Retry-After and a page saying when to
/// try again — not the framework's default 503.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SupportRequests = "support-requests";
    public const string Messages = "messages";
    public const string Exports = "exports";

    public static void AddPortalRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var l = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.AddPolicy(SignIn, context => ByAddress(context, HttpMethods.IsPost(context.Request.Method), l.SignInsPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(SupportRequests, context => ByPerson(context, HttpMethods.IsPost(context.Request.Method), l.SupportRequestsPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Messages, context => ByPerson(context, HttpMethods.IsPost(context.Request.Method) && Handler(context) is "reply" or "note" or "message",
                l.MessagesPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Exports, context => ByPerson(context,
                HttpMethods.IsGet(context.Request.Method) && Handler(context) is "export" or "failures" or "report" or "download",
                l.ExportsPerHour, TimeSpan.FromHours(1)));
        });
    }

    /// <summary>The pages each limit applies to.</summary>
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Dev", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignIn)));
        Page(conventions, "/Me/Support/Check", SupportRequests);
        Page(conventions, "/Me/Support/Request", Messages);
        Page(conventions, "/Welfare/Requests/Request", Messages);
        Page(conventions, "/Admin/Audit/Index", Exports);
        Page(conventions, "/Admin/Campaigns/Campaign", Exports);
        Page(conventions, "/Admin/Imports/Run", Exports);
        Page(conventions, "/Me/Data", Exports);
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

        var limits = app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var path = new PathString(callbackPath);
        return app.UseRateLimiter(new RateLimiterOptions
        {
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            OnRejected = OnRejectedAsync,
            GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                ByAddress(context, context.Request.Path.StartsWithSegments(path), limits.SignInsPerMinute, TimeSpan.FromMinutes(1))),
        });
    }

    private static void Page(PageConventionCollection conventions, string page, string policy) =>
        conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));

    private static string Handler(HttpContext context) => context.Request.Query["handler"].ToString().ToLowerInvariant();

    private static RateLimitPartition<string> ByAddress(HttpContext context, bool counts, int permits, TimeSpan window) =>
        counts
            ? RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(permits, window))
            : RateLimitPartition.GetNoLimiter("");

    private static RateLimitPartition<string> ByPerson(HttpContext context, bool counts, int permits, TimeSpan window)
    {
        var who = WelfareUsers.SubjectOf(context.User);
        return counts
            ? RateLimitPartition.GetFixedWindowLimiter(who is null ? "address:" + context.Connection.RemoteIpAddress : "person:" + who, _ => Window(permits, window))
            : RateLimitPartition.GetNoLimiter("");
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>The free text of the forms the message limit covers: a reply, a welfare message, an internal note.</summary>
    private static readonly string[] MessageFields = ["Reply", "Input.Message", "Input.Note"];

    /// <summary>Where the status page finds what a refused form carried, to give it back.</summary>
    public const string UnsentTextKey = "Portal.UnsentText";

    /// <summary>
    /// 429 with Retry-After in whole seconds; the status page (re-executed) says when to try again. A refused message
    /// is not lost: its text goes to the status page to be copied. (The body is already within the size limit.)
    /// </summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            if (MessageFields.Select(name => form[name].ToString()).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text)) is { } text)
            {
                context.Items[UnsentTextKey] = text;
            }
        }

        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            .LogWarning("Rate limit reached for {Method} {Route}", context.Request.Method, RequestLogging.RouteOf(context));
    }
}
