using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The page is about the signed-in person's own record (or works as them, as welfare does): someone signed in whose
/// record the portal cannot find is sent to the page that says so and what to do, and no handler runs. After it,
/// <see cref="CurrentPerson.Id"/> is the record's id.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class NeedsPersonRecordAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var currentPerson = context.HttpContext.RequestServices.GetRequiredService<CurrentPerson>();
        if (await currentPerson.GetIdAsync(context.HttpContext.RequestAborted) is null)
        {
            context.Result = new RedirectToPageResult("/Me/NoRecord");
            return;
        }

        await next();
    }
}
