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

    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Requests");
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
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
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : "(no route)";
                logger.LogInformation("{Method} {Route} answered {Status} in {Elapsed:0.0} ms",
                    context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }
}
