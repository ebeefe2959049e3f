using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Web.Pages.Shared;

/// <summary>The GOV.UK error message beside a field, shared by every form.</summary>
public static class FormHelpers
{
    /// <summary>
    /// Puts each problem of a refused change at its place on the page: a problem with the action as a whole beside its
    /// button (<paramref name="actionKey"/>), a conflict at <c>conflict</c>, the rest where <paramref name="keyOf"/> says
    /// (their own field names when it is not given). A place that already had a message before the refusal (a date the
    /// form could not read, say) keeps only that one; every problem of the refusal itself is listed.
    /// </summary>
    public static void AddRefusal(this ModelStateDictionary state, RefusedException refused, string actionKey, Func<string, string>? keyOf = null)
    {
        var alreadyShown = state.Where(entry => entry.Value is { Errors.Count: > 0 }).Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in refused.Problems)
        {
            var key = problem.Field switch
            {
                FieldProblem.Action => actionKey,
                FieldProblem.Conflict => FieldProblem.Conflict,
                var field => keyOf?.Invoke(field) ?? field,
            };
            if (!alreadyShown.Contains(key))
            {
                state.AddModelError(key, problem.Message);
            }
        }
    }

    public static string? ErrorFor(this ModelStateDictionary state, string key) => state[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>
    /// The error for a group of fields shown as one question (a date's day, month, year and time): the group's own, or
    /// else the first of its parts' (<c>{key}.Day</c>…).
    /// </summary>
    public static string? ErrorForGroup(this ModelStateDictionary state, string key) =>
        state.ErrorFor(key) ?? state.FindKeysWithPrefix(key + ".").Select(e => e.Value.Errors.FirstOrDefault()?.ErrorMessage).FirstOrDefault(m => m is not null);

    /// <summary>The GOV.UK form group's classes for a field: marked as in error when it has one.</summary>
    public static string GroupClass(this ModelStateDictionary state, string key) =>
        state.ErrorFor(key) is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error";

    /// <summary>What a field's aria-describedby names: its hint (when it has one) and its error (when there is one).</summary>
    public static string DescribedBy(this ModelStateDictionary state, string key, bool hint = false)
    {
        var id = key.Replace('.', '_');
        return string.Join(' ', new[] { hint ? $"{id}-hint" : null, state.ErrorFor(key) is null ? null : $"{id}-error" }.Where(s => s is not null));
    }

    /// <summary>
    /// A date typed into a form, as people write it here (24/11/2026) or as a date box sends it (2026-11-24). Null when
    /// the box is empty; when it cannot be read as a real date, <paramref name="message"/> goes on the field and null comes back.
    /// </summary>
    public static DateOnly? ParseDate(this ModelStateDictionary state, string key, string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (UkTime.TryParseDate(text, out var date))
        {
            return date;
        }

        state.AddModelError(key, message);
        return null;
    }

    /// <summary>
    /// The error message for a field (id <c>{field id}-error</c>, as its aria-describedby names it), or nothing; for a
    /// <paramref name="group"/>, the group's error or its parts' (see <see cref="ErrorForGroup"/>).
    /// </summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string key, bool group = false) =>
        ErrorMessage(group ? html.ViewData.ModelState.ErrorForGroup(key) : html.ViewData.ModelState.ErrorFor(key), key.Replace('.', '_') + "-error");

    /// <summary>
    /// The message for a problem with an action as a whole (a button, not a field: "control", "apply", a conflict). It
    /// has no field to point at, so the message itself carries the id the error summary links to.
    /// </summary>
    public static IHtmlContent ActionError(this IHtmlHelper html, string key) =>
        ErrorMessage(html.ViewData.ModelState.ErrorFor(key), html.GenerateIdFromName(key));

    private static IHtmlContent ErrorMessage(string? message, string id)
    {
        if (message is null)
        {
            return HtmlString.Empty;
        }

        var error = new TagBuilder("p");
        error.Attributes["id"] = id;
        error.AddCssClass("govuk-error-message");
        error.InnerHtml.AppendHtml("<span class=\"govuk-visually-hidden\">Error:</span> ");
        error.InnerHtml.Append(message);
        return error;
    }
}
