using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>"Your data": a person downloads everything the portal holds about them, and nothing about anyone else.</summary>
public sealed class MyDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Download_HasTheirRecordExposuresNoticesRequestsAndMessages_ButNoInternalNotesAndNoOneElse()
    {
        var me = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName) = ("Imogen", "Thistlewood"));
        var someoneElse = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName) = ("Bartholomew", "Quenby"));
        var officer = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName) = ("Wilhelmina", "Okonkwo"));
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(me, incident, HeldFields.Name | HeldFields.Photo);
        var client = factory.ClientAs(me.PayNumber);
        var reference = await client.AskForSupportAsync();
        await factory.ClientAs(someoneElse.PayNumber).AskForSupportAsync("Someone else's worry entirely.");
        var welfare = factory.ClientAs(officer.PayNumber, RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        await welfare.SubmitAsync(page, page + "?handler=Message", ("Message", "We will call you this afternoon."));
        await welfare.SubmitAsync(page, page + "?handler=Note", ("Note", "Internal: checked the duty log."));
        await client.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", "Thank you, I will be in."));
        var noticeId = await factory.Data.SendNoticeAsync(me, "Your details were in the pass printer breach");
        await client.SubmitAsync("/notices", $"/notices/{noticeId}");

        var response = await client.GetAsync("/me/data?handler=Download", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(me.PayNumber, root.GetProperty("person").GetProperty("payNumber").GetString());
        Assert.Equal("Thistlewood", root.GetProperty("person").GetProperty("familyName").GetString());
        var exposure = Assert.Single(root.GetProperty("exposures").EnumerateArray());
        Assert.Equal(incident.Reference, exposure.GetProperty("incident").GetString());
        Assert.Equal(["Your name", "Your photo"], exposure.GetProperty("held").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Your pay number", exposure.GetProperty("notHeld").EnumerateArray().Select(e => e.GetString()));
        var notice = Assert.Single(root.GetProperty("notices").EnumerateArray());
        Assert.Equal("Your details were in the pass printer breach", notice.GetProperty("subject").GetString());
        Assert.NotEqual(JsonValueKind.Null, notice.GetProperty("acknowledgedUtc").ValueKind);
        var request = Assert.Single(root.GetProperty("supportRequests").EnumerateArray());
        Assert.Equal(reference, request.GetProperty("reference").GetString());
        Assert.Equal(
            [("the welfare team", "We will call you this afternoon."), ("you", "Thank you, I will be in.")],
            request.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("from").GetString(), m.GetProperty("body").GetString())));
        Assert.Contains(root.GetProperty("accessesToYourData").EnumerateArray(), a => a.GetProperty("action").GetString() == AuditActions.SupportRequestViewed);
        Assert.DoesNotContain("Internal: checked the duty log.", text);
        Assert.DoesNotContain("Okonkwo", text);
        Assert.DoesNotContain("Quenby", text);
        Assert.DoesNotContain("Someone else's worry", text);
        Assert.DoesNotContain(someoneElse.PayNumber + "\"", text);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AnyAsync(
            e => e.Action == AuditActions.SubjectAccessDownloaded && e.ActorPersonId == me.Id && e.SubjectPersonId == me.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ThePage_IsLinkedFromEveryPageAndSaysWhatIsNotIncluded()
    {
        var me = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(me.PayNumber);

        var home = await Html.ReadAsync(await client.GetAsync("/", TestContext.Current.CancellationToken));
        var link = home.QuerySelector("footer a[href='/me/data']")!;
        var page = await Html.ReadAsync(await client.GetAsync(link.GetAttribute("href"), TestContext.Current.CancellationToken));

        Assert.Equal("Your data", link.TextContent);
        Assert.Contains("internal notes", page.Section("not-included").TextContent, StringComparison.Ordinal);
        Assert.Equal("/me/data?handler=Download", page.Section("download").GetAttribute("href"));
    }


}
