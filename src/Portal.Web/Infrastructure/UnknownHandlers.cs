using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A request that names a handler the page does not have (<c>?handler=Nope</c>), or posts to a page with no handler for
/// that post, is answered as an address that does not exist: 404. Without this Razor Pages renders the page with none
/// of its handlers run, and a page whose view needs what its handler loads fails with a 500.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // An error page shown for another request sees that request's query: it is never an unknown handler of its own.
        var reExecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        var named = context.RouteData.Values.ContainsKey("handler") || request.Query.ContainsKey("handler");
        if (!reExecuted && context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0 && (named || !HttpMethods.IsGet(request.Method)))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
