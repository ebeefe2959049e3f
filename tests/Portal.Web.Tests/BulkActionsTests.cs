using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Welfare;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// Actions on many requests chosen on the queue: each request its own change with its own version check, a colleague's
/// change meanwhile skipped and listed, restricted requests refused to all but leads, and only leads moving requests
/// between officers.
/// </summary>
public sealed class BulkActionsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Requests from new people, each held by <paramref name="holder"/> so that the queue can be filtered to just them.</summary>
    private async Task<List<SupportRequest>> RequestsHeldByAsync(Person holder, int count, Action<Person, int>? person = null)
    {
        var requesters = await factory.Data.CreatePeopleAsync(count, person);
        await using var scope = factory.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<SupportRequests>();
        var made = new List<SupportRequest>();
        foreach (var requester in requesters)
        {
            made.Add(await requests.CreateAsync(requester.Id,
                new NewSupportRequest(SupportRequestType.HomeOrVehicleSecurity, StatedUrgency.ThisWeek, "A car parked outside my house again.", ContactMethod.Portal, null, true), Cancel));
        }

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = made.Select(r => r.Id).ToList();
        await db.SupportRequests.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(set => set.SetProperty(r => r.AssignedToPersonId, holder.Id), Cancel);
        return made;
    }

    private async Task<Person> TeamMemberAsync(bool lead, Action<Person>? configure = null)
    {
        var person = await factory.Data.CreatePersonAsync(configure);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.WelfareTeamMembers.Add(new WelfareTeamMember { PersonId = person.Id, IsLead = lead, LastSeenUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(Cancel);
        return person;
    }

    /// <summary>The queue filtered to one holder's requests, and the "id:version" of each row as its check box carries it.</summary>
    private static async Task<(string Url, Dictionary<string, string> Boxes)> QueueAsync(HttpClient client, Person holder)
    {
        var url = $"/welfare?assignee={holder.Id}";
        var page = await Html.ReadAsync(await client.GetAsync(url, Cancel));
        // The form posts with its own antiforgery token, as a browser sends it (one from another form on the page would not be sent).
        Assert.NotNull(page.Section("bulk").QuerySelector("input[name='__RequestVerificationToken']"));
        var boxes = page.Section("queue").QuerySelectorAll("tbody tr")
            .ToDictionary(row => row.GetAttribute("data-reference")!, row => row.QuerySelector("input[name='Bulk.Selected']")!.GetAttribute("value")!);
        return (url, boxes);
    }

    private static async Task<IDocument> BulkAsync(HttpClient client, string url, IEnumerable<string> boxes, params (string Name, string Value)[] fields)
    {
        var response = await client.SubmitAsync(url, url + "&handler=Bulk", [.. boxes.Select(b => ("Bulk.Selected", b)), .. fields]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        return await client.FollowAsync(response);
    }

    private async Task<SupportRequest> ReadAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id, Cancel);
    }

    [Fact]
    public async Task MovingFiveRequests_WhileAColleagueChangesOne_MovesTheOtherFour_AndListsTheOneLeftAsTheColleagueMadeIt()
    {
        var holder = await TeamMemberAsync(lead: false);
        var lead = await TeamMemberAsync(lead: true);
        var made = await RequestsHeldByAsync(holder, 5);
        var client = factory.ClientAs(lead.PayNumber, RoleNames.Welfare, RoleNames.WelfareLead);
        var (url, boxes) = await QueueAsync(client, holder);
        Assert.Equal(5, boxes.Count);

        // A colleague triages the third after the queue was shown, and before the lead acts on it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var colleague = made[2];
            await scope.ServiceProvider.GetRequiredService<SupportRequests>().ChangeStatusAsync(holder.Id, colleague.Id, colleague.Version, SupportRequestStatus.Triaged, Cancel);
        }

        var page = await BulkAsync(client, url, boxes.Values, ("Bulk.Action", BulkInput.Move), ("Bulk.Status", nameof(SupportRequestStatus.InProgress)));

        Assert.Equal("4 requests changed.", page.Section("bulk-done").TextContent.Trim());
        Assert.Equal([made[2].Reference], page.Section("bulk-conflicts").Texts("li"));
        foreach (var request in made)
        {
            var now = await ReadAsync(request.Id);
            Assert.Equal(request == made[2] ? SupportRequestStatus.Triaged : SupportRequestStatus.InProgress, now.Status);
        }

        await using var check = factory.Services.CreateAsyncScope();
        var audited = await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.SupportRequestChanged && e.ActorPersonId == lead.Id).Select(e => e.Target).ToListAsync(Cancel);
        Assert.Equal([.. made.Where(r => r != made[2]).Select(r => r.Reference).Order(StringComparer.Ordinal)], audited.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task AnOfficer_CannotActOnRestrictedRequests_NorTakeRequestsFromAColleague_ButALeadCanMoveThemAll()
    {
        var holder = await TeamMemberAsync(lead: false);
        var officer = await TeamMemberAsync(lead: false);
        var lead = await TeamMemberAsync(lead: true);
        var newHolder = await TeamMemberAsync(lead: true);
        var made = await RequestsHeldByAsync(holder, 3, (p, i) => p.SensitiveRole = i == 0 ? SensitiveRole.Covert : SensitiveRole.None);
        // The restricted one stays with the holder only as data here: it is shown to leads alone.
        var officerClient = factory.ClientAs(officer.PayNumber, RoleNames.Welfare);
        var leadClient = factory.ClientAs(lead.PayNumber, RoleNames.Welfare, RoleNames.WelfareLead);
        var (url, boxes) = await QueueAsync(leadClient, holder);
        Assert.Equal(3, boxes.Count);

        var refused = await BulkAsync(officerClient, url, boxes.Values, ("Bulk.Action", BulkInput.Assign), ("Bulk.AssignTo", officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("0 requests changed.", refused.Section("bulk-done").TextContent.Trim());
        var reasons = refused.Section("bulk-refused").Texts("li");
        Assert.Contains($"{made[0].Reference}: it is restricted to welfare leads", reasons);
        Assert.Contains($"{made[1].Reference}: it is with another officer, and only a welfare lead moves requests between officers", reasons);
        foreach (var request in made)
        {
            Assert.Equal(holder.Id, (await ReadAsync(request.Id)).AssignedToPersonId);
        }

        var moved = await BulkAsync(leadClient, url, boxes.Values, ("Bulk.Action", BulkInput.Assign), ("Bulk.AssignTo", newHolder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("3 requests changed.", moved.Section("bulk-done").TextContent.Trim());
        foreach (var request in made)
        {
            var now = await ReadAsync(request.Id);
            Assert.Equal(newHolder.Id, now.AssignedToPersonId);
            Assert.Contains(now.Events, e => e.What == $"Given to {newHolder.GivenName} {newHolder.FamilyName}" && e.ActorPersonId == lead.Id);
        }
    }

    [Fact]
    public async Task OneSavedReply_SentToEachOfTen_ReachesEachRequesterByTheirOwnNameAndReference()
    {
        var holder = await TeamMemberAsync(lead: false);
        var made = await RequestsHeldByAsync(holder, 10, (p, i) => p.GivenName = $"Aoife{i}");
        int replyId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            replyId = (await scope.ServiceProvider.GetRequiredService<SavedReplies>().SaveAsync(new Portal.Core.Audit.Actor(null, "lead", null), null, 0,
                "Survey offered " + Guid.NewGuid().ToString("N")[..6], "Dear ((given_name)), about ((reference)): we can offer a home security survey.", Cancel))!.Value;
        }

        var client = factory.ClientAs(holder.PayNumber, RoleNames.Welfare);
        var (url, boxes) = await QueueAsync(client, holder);
        var page = await BulkAsync(client, url, boxes.Values, ("Bulk.Action", BulkInput.Reply), ("Bulk.ReplyId", replyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("10 requests changed.", page.Section("bulk-done").TextContent.Trim());
        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = made.Select(r => r.Id).ToList();
        var sent = await db.SupportMessages.AsNoTracking().Where(m => ids.Contains(m.SupportRequestId) && !m.FromRequester).ToListAsync(Cancel);
        Assert.Equal(10, sent.Count);
        for (var i = 0; i < made.Count; i++)
        {
            Assert.Equal($"Dear Aoife{i}, about {made[i].Reference}: we can offer a home security survey.", Assert.Single(sent, m => m.SupportRequestId == made[i].Id).Body);
        }

        Assert.All(await db.SupportRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(Cancel), r => Assert.NotNull(r.FirstContactUtc));
    }

    [Fact]
    public async Task NothingChosen_SaysSo_AndChangesNothing()
    {
        var holder = await TeamMemberAsync(lead: false);
        await RequestsHeldByAsync(holder, 1);
        var client = factory.ClientAs(holder.PayNumber, RoleNames.Welfare);
        var (url, _) = await QueueAsync(client, holder);

        var page = await BulkAsync(client, url, [], ("Bulk.Action", BulkInput.Move), ("Bulk.Status", nameof(SupportRequestStatus.Triaged)));

        Assert.Equal("Choose at least one request.", page.Section("bulk-error").QuerySelector("p")!.TextContent);
    }
}
