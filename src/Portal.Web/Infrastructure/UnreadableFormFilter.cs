using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure;

/// <summary>See <see cref="UnreadableForms"/>.</summary>
public sealed class UnreadableFormFilter : IAsyncPageFilter
{
    private const string ProblemsKey = "UnreadableForms.Problems";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var http = context.HttpContext;
        if (context.HandlerMethod is not { } handler || HttpMethods.IsGet(handler.HttpMethod) || IsReExecuted(http))
        {
            return Task.CompletedTask;
        }

        var problems = UnreadableForms.NulFields(http).Distinct(StringComparer.Ordinal).Select(field => (Key: field, Message: UnreadableForms.NulMessage)).ToList();
        if (handler.MethodInfo.GetCustomAttribute<ChecksFormVersionAttribute>() is { } version
            && !UnreadableForms.IsReadableVersion(http.Request.HasFormContentType ? http.Request.Form[version.Field] : default))
        {
            problems.Add((version.Field, UnreadableForms.VersionMessage));
        }

        if (problems.Count > 0)
        {
            // The page is shown as its GET shows it; the handler that would act is never run.
            context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => HttpMethods.IsGet(h.HttpMethod) && h.Name is null);
            http.Items[ProblemsKey] = problems;
        }

        return Task.CompletedTask;
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Items[ProblemsKey] is not List<(string Key, string Message)> problems)
        {
            await next();
            return;
        }

        if (context.HandlerMethod is null || context.HandlerInstance is not PageModel page)
        {
            context.Result = new BadRequestResult();
            return;
        }

        var executed = await next();
        if (executed.Exception is not null || executed.Result is not (null or PageResult))
        {
            return;
        }

        // What was entered stays in the form, bound again over what the GET filled in from what is saved. After a
        // version problem the saved details are what the person must see, so nothing is bound again.
        if (!problems.Any(p => p.Message == UnreadableForms.VersionMessage))
        {
            await BindPostedFormsAgainAsync(context, page);
        }

        foreach (var (key, message) in problems)
        {
            var shownAt = message == UnreadableForms.VersionMessage ? UnreadableForms.VersionProblemKey : key;
            page.ModelState.Remove(key);
            page.ModelState.AddModelError(shownAt, message);
        }
    }

    /// <summary>
    /// Binds the page's posted forms — the objects it binds from a POST but not from a GET — again, into what its GET
    /// handler left in them, as Razor Pages binds them before a handler runs.
    /// </summary>
    private static async Task BindPostedFormsAgainAsync(PageHandlerExecutingContext context, PageModel page)
    {
        var services = context.HttpContext.RequestServices;
        var metadata = services.GetRequiredService<IModelMetadataProvider>();
        var binders = services.GetRequiredService<IModelBinderFactory>();
        var parameters = services.GetRequiredService<ParameterBinder>();
        var values = await CompositeValueProvider.CreateAsync(page.PageContext, services.GetRequiredService<IOptions<MvcOptions>>().Value.ValueProviderFactories);
        foreach (var bound in context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            if (bound.Property.PropertyType is not { IsValueType: false } type || type == typeof(string)
                || bound.Property.GetCustomAttribute<BindPropertyAttribute>() is not { SupportsGet: false })
            {
                continue;
            }

            var property = metadata.GetMetadataForProperty(page.GetType(), bound.Name);
            var binder = binders.CreateBinder(new ModelBinderFactoryContext { BindingInfo = bound.BindingInfo, Metadata = property, CacheToken = bound });
            var result = await parameters.BindModelAsync(page.PageContext, binder, values, bound, property, bound.Property.GetValue(page), page);
            if (result.IsModelSet)
            {
                bound.Property.SetValue(page, result.Model);
            }
        }
    }

    private static bool IsReExecuted(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
}
