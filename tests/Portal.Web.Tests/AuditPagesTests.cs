using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Testing;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>The audit trail page: filtering, paging, a spreadsheet-safe export, and the chain check, as an administrator uses them.</summary>
public sealed class AuditPagesTests
{
    private static async Task RecordAsync(PortalFactory factory, string action, int? subjectId, string? detail = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(new Actor(null, "someone-else", "10.1.2.3"), action, subjectId, "SR-000001", detail, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<List<AuditEvent>> EventsAsync(PortalFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action == action).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FilteringByPerson_ShowsOnlyEventsAboutThem_AndIsItselfAudited()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        var subject = await factory.Data.CreatePersonAsync(p => p.GivenName = "Siobhán");
        var other = await factory.Data.CreatePersonAsync();
        await RecordAsync(factory, AuditActions.SupportRequestViewed, subject.Id);
        await RecordAsync(factory, AuditActions.SupportRequestViewed, other.Id);
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var page = await Html.ReadAsync(await client.GetAsync($"/admin/audit?person={subject.PayNumber.ToLowerInvariant()}", TestContext.Current.CancellationToken));

        var rows = page.QuerySelectorAll("[data-testid=events] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains($"Siobhán {subject.FamilyName} ({subject.PayNumber})", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("support_request.viewed", row.TextContent, StringComparison.Ordinal);
        var searched = Assert.Single(await EventsAsync(factory, AuditActions.AuditSearched));
        Assert.Equal(subject.Id, searched.SubjectPersonId);
        Assert.Equal(admin.Id, searched.ActorPersonId);
    }

    [Fact]
    public async Task AnUnknownPayNumberOrABadDate_SaysWhatIsWrong_InsteadOfShowingNothing()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var response = await client.GetAsync("/admin/audit?person=NOPE123&from=2026-05-02&to=1/5/2026", TestContext.Current.CancellationToken);
        var page = await Html.ReadAsync(response);
        var notADate = await Html.ReadAsync(await client.GetAsync("/admin/audit?from=31/13/2026", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["No one in the workforce has pay number NOPE123. Check the number, or leave the box empty to see events about everyone.",
             "The end date is before the start date. Enter an end date on or after the start date."],
            page.Texts(".govuk-error-summary__list li"));
        Assert.Equal(["The start date must be a real date, such as 24/11/2026. Correct it, or leave it empty."], notADate.Texts(".govuk-error-summary__list li"));
    }

    [Fact]
    public async Task ManyEvents_ArePaged_NewestFirst_AndFilteredByAction()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        await RecordAsync(factory, AuditActions.CampaignSent, null, "sent", times: 55);
        await RecordAsync(factory, AuditActions.CampaignPaused, null, "paused");
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var first = await Html.ReadAsync(await client.GetAsync("/admin/audit", TestContext.Current.CancellationToken));
        var second = await Html.ReadAsync(await client.GetAsync("/admin/audit?page=2", TestContext.Current.CancellationToken));
        var paused = await Html.ReadAsync(await client.GetAsync("/admin/audit?action=campaign.paused", TestContext.Current.CancellationToken));

        Assert.Equal("56 events, newest first.", first.Section("total").TextContent.Split('\n')[0].Trim());
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=events] tbody tr").Length);
        Assert.Contains("campaign.paused", first.QuerySelector("[data-testid=events] tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, second.QuerySelectorAll("[data-testid=events] tbody tr").Length);
        Assert.Equal("1", second.QuerySelector("[data-testid=events] tbody tr:last-child td")!.TextContent);
        Assert.Single(paused.QuerySelectorAll("[data-testid=events] tbody tr"));
    }

    [Fact]
    public async Task Export_NeutralisesSpreadsheetFormulas_AndIsAudited()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        foreach (var detail in new[] { "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@SUM(A1)", "\tTab", "\rReturn", "plain" })
        {
            await RecordAsync(factory, AuditActions.PriorityOverridden, null, detail);
        }

        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var response = await client.GetAsync("/admin/audit?handler=Export&action=support_request.priority_overridden", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var reader = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        var details = new List<string>();
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetField("detail")!);
        }

        Assert.Equal(["'=HYPERLINK(\"http://evil.example\")", "'+1", "'-1", "'@SUM(A1)", "'\tTab", "'\rReturn", "plain"], details);
        var exported = Assert.Single(await EventsAsync(factory, AuditActions.AuditExported));
        Assert.Equal("action support_request.priority_overridden", exported.Detail);
    }

    [Fact]
    public async Task TheCheck_SaysIntact_ThenFindsAnEventChangedBehindThePortalsBack()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        await RecordAsync(factory, AuditActions.SupportRequestViewed, admin.Id, times: 3);
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var intact = await Html.ReadAsync(await client.SubmitAsync("/admin/audit", "/admin/audit?handler=Verify"));
        await using (var connection = factory.NewConnection())
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = TestProvider.DropAuditTriggersSql + "UPDATE audit_events SET actor_subject = 'nobody' WHERE sequence = 2;";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var broken = await Html.ReadAsync(await client.SubmitAsync("/admin/audit", "/admin/audit?handler=Verify"));

        Assert.StartsWith("The audit trail is intact: all 3 events are as they were recorded", intact.Section("verification").QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The audit trail has been tampered with: 1 problem", broken.Section("verification").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Event 2 (support_request.viewed, recorded", Assert.Single(broken.Section("verification").Texts("li")), StringComparison.Ordinal);
        Assert.Equal(["intact: 3 events", "1 problem in 4 events"], (await EventsAsync(factory, AuditActions.AuditVerified)).OrderBy(e => e.Sequence).Select(e => e.Detail));
    }
}
