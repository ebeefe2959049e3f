using System.Diagnostics;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// One log line a request, with nothing personal in it: the method, the route's pattern (such as
/// <c>/support/{reference}</c>, never the reference), the status and the time taken. The framework's own request
/// lines are silenced, whatever the settings say, because they carry the whole address and its query string — where
/// a search for a person's pay number would be.
/// </summary>
public static class RequestLogging
{
    /// <summary>The framework's category for "Request starting …" and "Request finished …" with the full URL.</summary>
    public const string FrameworkCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static void AddPortalRequestLogging(this WebApplicationBuilder builder) =>
        // A filter added in code is applied after configuration's, so no setting can turn the full-URL lines back on.
        builder.Services.PostConfigure<LoggerFilterOptions>(options =>
            options.Rules.Add(new LoggerFilterRule(null, FrameworkCategory, LogLevel.Warning, null)));

    /// <summary>What a log line may say about where a request went: its route's pattern, never the address itself.</summary>
    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : "(no route)";

    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Requests");
        return app.Use(async (context, next) =>
        {
            // An error page re-executed for this request is part of its one line, not a line of its own.
            if (!logger.IsEnabled(LogLevel.Information) || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogInformation("{Method} {Route} answered {Status} in {Elapsed:0.0} ms",
                    context.Request.Method, RouteOf(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }
}
