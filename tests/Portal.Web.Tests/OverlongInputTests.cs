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
/// Every form the portal shows, each of its free-text fields filled far past any sensible length: the answer is the
/// same page with a message saying what is too long, never a 500, never a "bad request", and nothing is saved.
/// A body larger than the portal takes at all gets the "too large" page.
/// </summary>
public sealed class OverlongInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Overlong = 100_001;

    [Fact]
    public async Task EveryFreeTextField_FilledPastItsLimit_IsAValidationMessageAndNothingIsSaved()
    {
        var pages = await FormPagesAsync();
        var failures = new List<string>();
        var checkedFields = 0;
        foreach (var (client, url) in pages)
        {
            var page = await Html.ReadAsync(await client.GetAsync(url, TestContext.Current.CancellationToken));
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form"))
            {
                foreach (var button in SubmitButtons(form))
                {
                    foreach (var field in FreeTextFields(form))
                    {
                        checkedFields++;
                        var before = await RowCountsAsync();
                        var length = form.Method.Equals("get", StringComparison.OrdinalIgnoreCase) ? 2_000 : Overlong;
                        var response = await SubmitAsync(client, url, form, button, field, new string('x', length));
                        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                        var where = $"{url}: {button?.TextContent.Trim() ?? "form"} ({form.GetAttribute("action") ?? "here"}) with {field.GetAttribute("name")} {length:N0} characters";
                        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.BadRequest)
                        {
                            failures.Add($"{where}: {(int)response.StatusCode}");
                        }
                        else if (!body.Contains("govuk-error-summary", StringComparison.Ordinal))
                        {
                            failures.Add($"{where}: {(int)response.StatusCode} with no error message");
                        }
                        else if (await RowCountsAsync() != before)
                        {
                            failures.Add($"{where}: something was saved");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedFields >= 20, $"Only {checkedFields} fields were found to check.");
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

    private static IEnumerable<IElement> FreeTextFields(IHtmlFormElement form) =>
        form.QuerySelectorAll("textarea, input:not([type]), input[type='text'], input[type='search'], input[type='email'], input[type='tel']")
            .Where(f => f.GetAttribute("name") is { Length: > 0 });

    /// <summary>Each button that submits the form; a form with none is submitted as it is (null).</summary>
    private static List<IElement?> SubmitButtons(IHtmlFormElement form)
    {
        List<IElement?> buttons = [.. form.QuerySelectorAll("button:not([type]), button[type='submit'], input[type='submit']")];
        return buttons.Count == 0 ? [null] : buttons;
    }

    /// <summary>The form as a browser sends it when <paramref name="button"/> is pressed, with <paramref name="field"/> shown and set to <paramref name="value"/>.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, IHtmlFormElement form, IElement? button, IElement field, string value)
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

            fields.Add(new(fieldName, element == field ? value : element is IHtmlTextAreaElement area ? area.Value : element.GetAttribute("value") ?? ""));
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

    /// <summary>Rows in every table a form can add to.</summary>
    private async Task<string> RowCountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ct = TestContext.Current.CancellationToken;
        return string.Join(",",
            await db.SupportRequests.CountAsync(ct), await db.SupportMessages.CountAsync(ct), await db.SupportNotes.CountAsync(ct),
            await db.SupportRequestEvents.CountAsync(ct), await db.NoticeCampaigns.CountAsync(ct), await db.Incidents.CountAsync(ct),
            await db.IncidentUpdates.CountAsync(ct), await db.GuidanceArticles.CountAsync(ct), await db.ImportRuns.CountAsync(ct));
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
            ("Input.Subject", "A notice"), ("Input.Body", "Dear ((given_name)), sign in: ((notice_link))"), ("Input.Audience", "EveryoneActive"));
        var campaign = draft.Headers.Location!.OriginalString;
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
            (admin, "/admin/incidents/new"),
            (admin, $"/admin/incidents/{incident.Id}"),
            (admin, "/admin/guidance/new"),
            (admin, "/admin/audit"),
            (admin, "/admin/imports"),
        ];
    }
}
