using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Infrastructure.Security;

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
