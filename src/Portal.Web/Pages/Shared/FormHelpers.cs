using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Portal.Web.Pages.Shared;

/// <summary>The GOV.UK error message beside a field, shared by every form.</summary>
public static class FormHelpers
{
    public static string? ErrorFor(this ModelStateDictionary state, string key) => state[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>The error message for a field (id <c>{field id}-error</c>, as its aria-describedby names it), or nothing.</summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string key)
    {
        if (html.ViewData.ModelState.ErrorFor(key) is not { } message)
        {
            return HtmlString.Empty;
        }

        var error = new TagBuilder("p");
        error.Attributes["id"] = key.Replace('.', '_') + "-error";
        error.AddCssClass("govuk-error-message");
        error.InnerHtml.AppendHtml("<span class=\"govuk-visually-hidden\">Error:</span> ");
        error.InnerHtml.Append(message);
        return error;
    }
}
