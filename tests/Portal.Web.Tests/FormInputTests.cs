using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// Every form the portal shows, sent as a person could send it by mistake or on purpose: each free-text field far past
/// any sensible length, or holding a NUL character; each version a change is checked against, unreadable or missing.
/// The answer is the same page with a message at the field, never a 500, never a "bad request", and nothing is saved
/// or changed. A body larger than the portal takes at all gets the "too large" page.
/// </summary>
public sealed class FormInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Overlong = 100_001;

    [Fact]
    public async Task EveryFreeTextField_FilledPastItsLimit_IsAValidationMessageAndNothingIsSaved()
    {
        var (failures, checkedFields) = await SubmitEachAsync(FreeTextFields, async submission =>
        {
            var length = submission.IsGet ? 2_000 : Overlong;
            var response = await submission.SendAsync(new string('x', length));
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.BadRequest ? $"{length:N0} characters: {(int)response.StatusCode}"
                : !body.Contains("govuk-error-summary", StringComparison.Ordinal) ? $"{length:N0} characters: {(int)response.StatusCode} with no error message"
                : null;
        });

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedFields >= 20, $"Only {checkedFields} fields were found to check.");
    }

    [Fact]
    public async Task EveryField_HoldingANulCharacter_IsThatFieldsValidationMessage_WithTheRestKept_AndNothingIsSaved()
    {
        var (failures, checkedFields) = await SubmitEachAsync(FreeTextFields, async submission =>
        {
            var response = await submission.SendAsync("before\0after");
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.BadRequest)
            {
                return $"a NUL: {(int)response.StatusCode}";
            }

            if (submission.IsGet)
            {
                return null;
            }

            var name = submission.Field.GetAttribute("name")!;
            var shown = await Html.ReadAsync(response);
            var again = shown.QuerySelector($"main form [name='{name}']");
            var kept = again is IHtmlTextAreaElement area ? area.Value : again?.GetAttribute("value");
            // At the field, or at the question it is part of (a date's day, month, year and time).
            var error = again?.Closest(".govuk-form-group--error")?.QuerySelector(".govuk-error-message")?.TextContent ?? "";
            return !error.Contains("hidden character", StringComparison.Ordinal) || shown.QuerySelector($".govuk-error-summary a[href='#{Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(name, "_")}']") is null
                ? $"a NUL: {(int)response.StatusCode} without the message at the field"
                : kept != "beforeafter" ? $"a NUL: what was entered is not shown again (\"{kept}\")"
                : null;
        });

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedFields >= 20, $"Only {checkedFields} fields were found to check.");
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData(null)]
    public async Task EveryFormCheckedAgainstAVersion_WithAVersionThatCannotBeRead_ChangesNothing_AndSaysToTryAgain(string? version)
    {
        var (failures, checkedForms) = await SubmitEachAsync(
            form => form.QuerySelectorAll("input[type='hidden'][name='Version'], input[type='hidden'][name$='.Version']").Take(1),
            async submission =>
            {
                var response = await submission.SendAsync(version);
                var shown = await Html.ReadAsync(response);
                return response.StatusCode != HttpStatusCode.OK
                    || shown.QuerySelector(".govuk-error-summary")?.TextContent.Contains("Nothing was changed", StringComparison.Ordinal) != true
                    ? $"{version ?? "left out"}: {(int)response.StatusCode} without saying nothing was changed"
                    : shown.SummaryLinksWithoutTarget() is { Count: > 0 } nowhere
                    ? $"{version ?? "left out"}: the error summary links to {string.Join(", ", nowhere)}, which is not on the page"
                    : null;
            });

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedForms >= 6, $"Only {checkedForms} forms were found to check.");
    }

    [Theory]
    [InlineData("/support/new", false)]
    [InlineData("/admin/guidance/new?handler=Save", false)]
    [InlineData("/admin/imports", true)]
    public async Task ABodyLargerThanThePortalTakes_IsTheTooLargePageNotAnError(string url, bool multipart)
    {
        var person = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(person.PayNumber, RoleNames.Admin);
        var huge = new string('x', 40 * 1024 * 1024);
        var token = (await Html.ReadAsync(await client.GetAsync("/", TestContext.Current.CancellationToken)))
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        HttpContent content = multipart
            ? new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(huge)), "Upload", "huge.csv" } }
            : new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Description", huge)]);

        var response = await client.PostAsync(url, content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", (await Html.ReadAsync(response)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>One form of one page as a person sends it with one of its buttons, one field set as the test chooses.</summary>
    private sealed record Submission(HttpClient Client, string Url, IHtmlFormElement Form, IElement? Button, IElement Field)
    {
        public bool IsGet => Form.Method.Equals("get", StringComparison.OrdinalIgnoreCase);

        public string Where => $"{Url}: {Button?.TextContent.Trim() ?? "form"} ({Form.GetAttribute("action") ?? "here"}) with {Field.GetAttribute("name")}";

        /// <summary>Sends the form with the field set to <paramref name="value"/> (left out when null).</summary>
        public Task<HttpResponseMessage> SendAsync(string? value) => SubmitAsync(Client, Url, Form, Button, Field, value);
    }

    /// <summary>
    /// Every form on every page, with each of its buttons, once for each field <paramref name="fields"/> picks:
    /// <paramref name="check"/> sends it and says what went wrong (null when nothing did); a submission that otherwise
    /// passes fails if anything was saved or changed. Returns the failures and how many submissions were checked.
    /// </summary>
    private async Task<(List<string> Failures, int Checked)> SubmitEachAsync(Func<IHtmlFormElement, IEnumerable<IElement>> fields, Func<Submission, Task<string?>> check)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (client, url) in await FormPagesAsync())
        {
            var page = await Html.ReadAsync(await client.GetAsync(url, TestContext.Current.CancellationToken));
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form"))
            {
                foreach (var field in fields(form).ToList())
                {
                    foreach (var button in SubmitButtons(form))
                    {
                        count++;
                        var submission = new Submission(client, url, form, button, field);
                        var before = await StateAsync();
                        var problem = await check(submission) ?? (await StateAsync() != before ? "something was saved or changed" : null);
                        if (problem is not null)
                        {
                            failures.Add($"{submission.Where}, {problem}");
                        }
                    }
                }
            }
        }

        return (failures, count);
    }

    private static IEnumerable<IElement> FreeTextFields(IHtmlFormElement form) =>
        form.QuerySelectorAll("textarea, input:not([type]), input[type='text'], input[type='search'], input[type='email'], input[type='tel']")
            .Where(f => f.GetAttribute("name") is { Length: > 0 });

    /// <summary>Each button that submits the form; a form with none is submitted as it is (null).</summary>
    private static List<IElement?> SubmitButtons(IHtmlFormElement form)
    {
        List<IElement?> buttons = [.. form.QuerySelectorAll("button:not([type]), button[type='submit'], input[type='submit']")];
        return buttons.Count == 0 ? [null] : buttons;
    }

    /// <summary>
    /// The form as a browser sends it when <paramref name="button"/> is pressed, with <paramref name="field"/> shown and
    /// set to <paramref name="value"/> (left out when null).
    /// </summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, IHtmlFormElement form, IElement? button, IElement field, string? value)
    {
        // A field revealed by choosing a radio ("At a later time") is sent with that radio chosen.
        var revealedBy = field.Closest(".govuk-radios__conditional") is { Id: { Length: > 0 } conditional }
            ? form.QuerySelector($"input[data-aria-controls='{conditional}']")
            : null;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            if (element.GetAttribute("name") is not { Length: > 0 } fieldName || element is IHtmlButtonElement || element.GetAttribute("type") == "submit")
            {
                continue;
            }

            if (element is IHtmlInputElement { Type: "radio" or "checkbox" } choice)
            {
                var chosen = revealedBy is not null && choice.Name == revealedBy.GetAttribute("name") ? choice == revealedBy : choice.IsChecked;
                if (!chosen)
                {
                    continue;
                }
            }

            if (element == field && value is null)
            {
                continue;
            }

            fields.Add(new(fieldName, element == field ? value! : element is IHtmlTextAreaElement area ? area.Value : element.GetAttribute("value") ?? ""));
        }

        var action = button?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : form.GetAttribute("action") is { Length: > 0 } a ? a
            : page;
        var target = new Uri(new Uri("http://localhost" + page), action).PathAndQuery;
        if (button?.GetAttribute("name") is { Length: > 0 } buttonName)
        {
            fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        }

        if (form.Method.Equals("get", StringComparison.OrdinalIgnoreCase))
        {
            return client.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(target.Split('?')[0], fields!), TestContext.Current.CancellationToken);
        }

        HttpContent content = form.Enctype == "multipart/form-data" ? Multipart(fields) : new FormUrlEncodedContent(fields);
        return client.PostAsync(target, content, TestContext.Current.CancellationToken);
    }

    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string>> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    /// <summary>Rows in every table a form can add to, and the versions of the records a form can change.</summary>
    private async Task<string> StateAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ct = TestContext.Current.CancellationToken;
        return string.Join(",",
            await db.SupportRequests.CountAsync(ct), await db.SupportMessages.CountAsync(ct), await db.SupportNotes.CountAsync(ct),
            await db.SupportRequestEvents.CountAsync(ct), await db.NoticeCampaigns.CountAsync(ct), await db.Incidents.CountAsync(ct),
            await db.IncidentUpdates.CountAsync(ct), await db.GuidanceArticles.CountAsync(ct), await db.ImportRuns.CountAsync(ct),
            await db.NoticeCampaigns.SumAsync(c => c.Version, ct), await db.SupportRequests.SumAsync(r => r.Version, ct));
    }

    /// <summary>Each persona with a page showing each form the portal has, over data for them to act on.</summary>
    private async Task<List<(HttpClient Client, string Url)>> FormPagesAsync()
    {
        var requester = await factory.Data.CreatePersonAsync();
        var staff = factory.ClientAs(requester.PayNumber);
        var reference = await staff.AskForSupportAsync();
        var welfare = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.WelfareLead);
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var incident = await factory.Data.CreateIncidentAsync();
        var draft = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new",
            ("Input.Subject", "A notice"), ("Input.Body", "Dear ((given_name)), sign in: ((notice_link))"), ("Input.Audience", "EveryoneActive"), ("Input.Version", "0"));
        var campaign = draft.Headers.Location!.OriginalString[..^"/preview".Length];
        return
        [
            (factory.AnonymousClient(), "/dev/sign-in"),
            (staff, "/support/new"),
            (staff, $"/support/{reference}"),
            (staff, "/guidance"),
            (welfare, "/welfare"),
            (welfare, $"/welfare/requests/{reference}"),
            (admin, "/admin/campaigns/new"),
            (admin, campaign),
            (admin, campaign + "/preview"),
            (admin, campaign + "/send"),
            (admin, campaign + "/edit"),
            (admin, "/admin/incidents/new"),
            (admin, $"/admin/incidents/{incident.Id}"),
            (admin, "/admin/guidance/new"),
            (admin, "/admin/schemes/new"),
            (admin, "/admin/audit"),
            (admin, "/admin/imports"),
        ];
    }
}
