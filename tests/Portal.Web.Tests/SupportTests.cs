using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class SupportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly (string, string)[] GoodAnswers = SupportForms.Answers();

    private async Task<(Person Person, HttpClient Client)> StaffAsync()
    {
        var person = await factory.Data.CreatePersonAsync();
        return (person, factory.ClientAs(person.PayNumber));
    }

    private static async Task<string> AskAsync(HttpClient client, params (string, string)[] answers)
    {
        var form = await client.SubmitAsync("/support/new", "/support/new", answers.Length > 0 ? answers : GoodAnswers);
        Assert.Equal("/support/new/check", form.Headers.Location?.OriginalString);
        var sent = await client.SubmitAsync("/support/new/check", "/support/new/check");
        var confirmation = await client.FollowAsync(sent);
        return confirmation.QuerySelector("[data-testid='reference']")!.TextContent;
    }

    private static int IdOf(string reference) => SupportReference.TryParse(reference, out var id) ? id : throw new ArgumentException(reference);

    private async Task<SupportRequest> StoredAsync(string reference)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = IdOf(reference);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NewRequest_SaysCall999First()
    {
        var (_, client) = await StaffAsync();

        var page = await Html.ReadAsync(await client.GetAsync("/support/new", TestContext.Current.CancellationToken));

        var first = page.QuerySelector("main .govuk-grid-column-two-thirds > :not(.govuk-error-summary)")!;
        Assert.Contains("If you are in immediate danger, call 999", first.TextContent);
    }

    [Fact]
    public async Task NewRequest_WithNothingAnswered_ListsEveryProblemLinkedToItsQuestion()
    {
        var (_, client) = await StaffAsync();

        var response = await client.SubmitAsync("/support/new", "/support/new", ("Input.Type", "NotAType"));

        var page = await Html.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        var links = page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([
            ("#Input_Type", "Select what you need help with"), ("#Input_StatedUrgency", "Select how soon you need help"),
            ("#Input_Description", "Tell us what is worrying you"), ("#Input_ContactMethod", "Select how you want us to contact you"),
            ("#Input_ConsentToShare", "Confirm that the welfare team may see your request and your details, so they can help you")], links);
        Assert.All(links, link => Assert.NotNull(page.QuerySelector(link.Item1!)));
    }

    [Fact]
    public async Task NewRequest_WithPhoneChosenButNoNumberAndAnOverlongDescription_SaysWhatToFix()
    {
        var (_, client) = await StaffAsync();

        var response = await client.SubmitAsync("/support/new", "/support/new",
            ("Input.Type", "Other"), ("Input.StatedUrgency", "NoRush"), ("Input.Description", new string('x', 5000)), ("Input.ContactMethod", "Phone"), ("Input.ConsentToShare", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await Html.ReadAsync(response)).Texts(".govuk-error-summary a");
        Assert.Equal(["What is worrying you must be 2000 characters or fewer", "Enter the phone number you want us to call"], messages);
    }

    [Fact]
    public async Task AskingForSupport_GivesAReferenceAndTheRequestAppearsInMyRequests()
    {
        var (person, client) = await StaffAsync();

        var reference = await AskAsync(client);

        Assert.Matches("^SR-\\d{6}$", reference);
        var mine = await Html.ReadAsync(await client.GetAsync("/support", TestContext.Current.CancellationToken));
        Assert.Equal([reference], mine.Section("my-requests").Texts("h3"));
        var stored = await StoredAsync(reference);
        Assert.Equal((person.Id, SupportRequestType.SuspiciousApproach, "07700 900982"), (stored.PersonId, stored.Type, stored.ContactPhone));
    }

    [Fact]
    public async Task CheckAnswers_SentTwice_MakesOneRequest()
    {
        var (person, client) = await StaffAsync();
        await client.SubmitAsync("/support/new", "/support/new", GoodAnswers);
        var page = await Html.ReadAsync(await client.GetAsync("/support/new/check", TestContext.Current.CancellationToken));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var first = await client.PostAsync("/support/new/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        var second = await client.PostAsync("/support/new/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);

        Assert.EndsWith("/confirmation", first.Headers.Location!.OriginalString);
        Assert.Contains(second.Headers.Location?.OriginalString, new[] { first.Headers.Location!.OriginalString, "/support" });
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.CountAsync(r => r.PersonId == person.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SomeoneElsesRequest_IsNotFoundByReferenceOrConfirmation()
    {
        var (_, owner) = await StaffAsync();
        var reference = await AskAsync(owner);
        var (_, other) = await StaffAsync();

        foreach (var url in new[] { $"/support/{reference}", $"/support/{reference}/confirmation", $"/support/{reference.ToLowerInvariant()}", $"/support/{reference[3..]}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        }

        var reply = await other.SubmitAsync("/support/new", $"/support/{reference}?handler=Reply", ("Reply", "Let me in"));
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
    }

    [Fact]
    public async Task MyRequest_ShowsTheWelfareTeamsMessagesButNeverTheirInternalNotes()
    {
        var (_, client) = await StaffAsync();
        var reference = await AskAsync(client);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var id = IdOf(reference);
            db.SupportMessages.Add(new SupportMessage { SupportRequestId = id, SentUtc = DateTime.UtcNow, FromRequester = false, Body = "We will call you this afternoon." });
            db.SupportNotes.Add(new SupportNote { SupportRequestId = id, WrittenUtc = DateTime.UtcNow, Body = "INTERNAL: check the front desk CCTV first." });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var body = await client.GetStringAsync($"/support/{reference}", TestContext.Current.CancellationToken);

        Assert.Contains("We will call you this afternoon.", body);
        Assert.DoesNotContain("INTERNAL", body);
        Assert.DoesNotContain("CCTV", body);
    }

    [Fact]
    public async Task Reply_AddsToTheThreadAndWaitingMovesBackToInProgress()
    {
        var (_, client) = await StaffAsync();
        var reference = await AskAsync(client);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var id = IdOf(reference);
            await db.SupportRequests.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SupportRequestStatus.WaitingOnPerson), TestContext.Current.CancellationToken);
        }

        var response = await client.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", "The car was a blue estate."));
        var page = await client.FollowAsync(response);

        Assert.Contains("Your message has been sent", page.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Equal(["The car was a blue estate."], page.Section("messages").Texts("li .portal-preserve-lines"));
        Assert.Equal("In progress", page.Section("status").TextContent);
    }

    [Fact]
    public async Task EmptyReply_IsAnErrorNotAMessage()
    {
        var (_, client) = await StaffAsync();
        var reference = await AskAsync(client);

        var page = await Html.ReadAsync(await client.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", "   ")));

        Assert.Equal(["Enter a message"], page.Texts(".govuk-error-summary a"));
        Assert.Empty(page.Section("messages").Texts("li"));
    }

    [Fact]
    public async Task Withdraw_EndsTheRequestAndOffersNoFurtherReply()
    {
        var (_, client) = await StaffAsync();
        var reference = await AskAsync(client);

        var page = await client.FollowAsync(await client.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Withdraw"));

        Assert.Equal("Withdrawn", page.Section("status").TextContent);
        Assert.Null(page.QuerySelector("#Reply"));
        Assert.Equal(SupportRequestStatus.Withdrawn, (await StoredAsync(reference)).Status);
    }

    [Theory]
    [InlineData("<script>document.title='pwned'</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("\"><svg onload=alert(1)>")]
    public async Task ScriptTypedIntoFreeText_ComesBackAsText(string payload)
    {
        var (_, client) = await StaffAsync();
        var reference = await AskAsync(client, [.. GoodAnswers.Where(a => a.Item1 != "Input.Description"), ("Input.Description", payload)]);
        await client.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", payload));

        var page = await Html.ReadAsync(await client.GetAsync($"/support/{reference}", TestContext.Current.CancellationToken));

        Assert.Equal(payload, page.Section("description").TextContent);
        Assert.Equal([payload], page.Section("messages").Texts("li .portal-preserve-lines"));
        Assert.DoesNotContain(page.QuerySelectorAll("main *"), e => e.LocalName is "script" or "img" or "svg" || e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SupportPages_WhenAnonymous_AreChallenged()
    {
        foreach (var url in new[] { "/support", "/support/new", "/support/new/check", "/support/SR-000001" })
        {
            Assert.True(factory.AsksToSignIn(await factory.AnonymousClient().GetAsync(url, TestContext.Current.CancellationToken)), url);
        }
    }
}
