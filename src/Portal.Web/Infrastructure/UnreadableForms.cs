using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Marks a handler that changes a record only if it is still at the version the form was shown with: the form must
/// carry <see cref="Field"/> as a whole number. A version that is missing or cannot be read is never taken as 0 (which is
/// a new record's version, so a forged value would skip the check): the change is refused as a stale one is.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChecksFormVersionAttribute(string field) : Attribute
{
    /// <summary>The form field that carries the version, as posted ("Version", "Input.Version").</summary>
    public string Field { get; } = field;
}

/// <summary>
/// A form the portal cannot act on as posted — a field holding a NUL character, or a version that cannot be read — is
/// answered as a form with a mistake in it: the page is shown again (by its own GET handler, so with everything it
/// shows), with what was entered, and a message at the field. The handler that would have saved is never run.
/// </summary>
/// <remarks>
/// ASP.NET Core's form reader refuses a URL-encoded body with an encoded NUL (<c>%00</c>) outright, so antiforgery
/// fails and the person sees only "there is a problem with your request". <see cref="UseNulCharacterFields"/> takes
/// the NULs out before anything reads the form and notes the fields they were in; <see cref="UnreadableFormFilter"/>
/// then turns each into that field's problem. A multipart form carries a NUL as it is, and is checked the same way.
/// </remarks>
public static class UnreadableForms
{
    /// <summary>Where the page shows a version problem: the same place as a change made meanwhile by someone else.</summary>
    public const string VersionProblemKey = "conflict";

    public const string NulMessage = "This contained a hidden character that cannot be saved (a NUL, often copied in from another program). It has been taken out: check what is here and send it again.";

    public const string VersionMessage = "Nothing was changed: this form did not say which version of the record it was shown with, so it could not be checked against changes made since. The page now shows the latest details: check them and try again.";

    private const string NulFieldsKey = "UnreadableForms.NulFields";

    /// <summary>After routing and authorisation, before any page reads the form.</summary>
    public static IApplicationBuilder UseNulCharacterFields(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Forms are small (RequestSizeLimits has already refused a large one), so the body is read whole.
            var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            buffer.Position = 0;
            request.Body = buffer;
            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("%00"u8) >= 0)
            {
                var (cleaned, fields) = WithoutNul(buffer.ToArray());
                context.Items[NulFieldsKey] = fields;
                request.Body = new MemoryStream(cleaned, writable: false);
                request.ContentLength = cleaned.Length;
            }
        }

        await next(context);
    });

    /// <summary>The body with every encoded NUL taken out, and the names of the fields that held one.</summary>
    internal static (byte[] Body, List<string> Fields) WithoutNul(byte[] body)
    {
        // Latin-1 maps each byte to one character and back, so a body that is not what it should be passes unchanged.
        var pairs = Encoding.Latin1.GetString(body).Split('&');
        var fields = new List<string>();
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Contains("%00", StringComparison.Ordinal))
            {
                pairs[i] = pairs[i].Replace("%00", string.Empty, StringComparison.Ordinal);
                var name = pairs[i].Split('=', 2)[0].Replace('+', ' ');
                fields.Add(Uri.UnescapeDataString(name));
            }
        }

        return (Encoding.Latin1.GetBytes(string.Join('&', pairs)), fields);
    }

    internal static IReadOnlyList<string> NulFields(HttpContext context)
    {
        List<string> fields = [.. context.Items[NulFieldsKey] as List<string> ?? []];
        if (context.Request.HasFormContentType)
        {
            fields.AddRange(context.Request.Form.Where(f => f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Select(f => f.Key));
        }

        return fields;
    }

    /// <summary>A version as a form carries it: one whole number, nothing else.</summary>
    internal static bool IsReadableVersion(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out _);
}

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
