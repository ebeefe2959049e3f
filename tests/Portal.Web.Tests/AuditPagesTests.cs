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
    private static async Task RecordAsync(PortalFactory factory, string action, int? subjectId, string? detail = null, int times = 1, string target = "SR-000001")
    {
        for (var i = 0; i < times; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(new Actor(null, "someone-else", "10.1.2.3"), action, subjectId, target, detail, TestContext.Current.CancellationToken);
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

        var page = await Html.ReadAsync(await client.GetAsync($"/admin/audit?person={subject.PayNumber.ToLowerInvariant()}&{await client.ConfirmedAsync("/admin/audit")}", TestContext.Current.CancellationToken));

        var rows = page.QuerySelectorAll("[data-testid=events] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains($"Siobhán {subject.FamilyName} ({subject.PayNumber})", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("support_request.viewed", row.TextContent, StringComparison.Ordinal);
        var searched = Assert.Single(await EventsAsync(factory, AuditActions.AuditSearched));
        Assert.Equal(subject.Id, searched.SubjectPersonId);
        Assert.Equal(admin.Id, searched.ActorPersonId);
    }

    [Theory]
    [InlineData("person={0}")]
    [InlineData("actor={0}")]
    [InlineData("person={0}&handler=Export")]
    [InlineData("handler=Export")]
    public async Task ALookUpOrExportFromALinkMadeElsewhere_LooksUpNothingAndRecordsNothing_UntilConfirmed(string query)
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        var subject = await factory.Data.CreatePersonAsync();
        await RecordAsync(factory, AuditActions.SupportRequestViewed, subject.Id);
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);
        var address = "/admin/audit?" + string.Format(System.Globalization.CultureInfo.InvariantCulture, query, subject.PayNumber);

        var forged = await client.GetAsync(address, TestContext.Current.CancellationToken);
        var forgedPage = await Html.ReadAsync(forged);
        var eventsAfterForged = (await EventsAsync(factory, AuditActions.AuditSearched)).Count + (await EventsAsync(factory, AuditActions.AuditExported)).Count;
        var confirmed = await client.GetAsync($"{address}&{await client.ConfirmedAsync(address)}", TestContext.Current.CancellationToken);

        Assert.Equal("text/html", forged.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(forgedPage.QuerySelector("[data-testid=confirm]"));
        if (query.Contains("{0}", StringComparison.Ordinal))
        {
            Assert.Empty(forgedPage.QuerySelectorAll("[data-testid=events] tbody tr"));
        }

        Assert.Equal(0, eventsAfterForged);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Single(await EventsAsync(factory, query.Contains("Export", StringComparison.Ordinal) ? AuditActions.AuditExported : AuditActions.AuditSearched));
    }

    [Fact]
    public async Task TheCheckFilteredByPerson_IsRecordedAsALookUp()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        var subject = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        await client.SubmitAsync("/admin/audit", $"/admin/audit?handler=Verify&person={subject.PayNumber}");

        var searched = Assert.Single(await EventsAsync(factory, AuditActions.AuditSearched));
        Assert.Equal(subject.Id, searched.SubjectPersonId);
    }

    [Fact]
    public async Task EventsAboutRestrictedRequests_AreWithheldFromAdministratorsWhoAreNotWelfareLeads_AndTheyAreToldSo()
    {
        await using var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        var covert = await factory.Data.CreatePersonAsync(p => { p.GivenName = "Hidden"; p.SensitiveRole = SensitiveRole.Covert; });
        await RecordAsync(factory, AuditActions.PriorityOverridden, covert.Id, "Critical: threatened at home", target: "SR-000042");
        await RecordAsync(factory, AuditActions.CampaignPaused, null);
        var administrator = factory.ClientAs(admin.PayNumber, RoleNames.Admin);
        var leadAdministrator = factory.ClientAs(admin.PayNumber, RoleNames.Admin, RoleNames.WelfareLead);

        var page = await Html.ReadAsync(await administrator.GetAsync("/admin/audit", TestContext.Current.CancellationToken));
        var export = await (await administrator.GetAsync($"/admin/audit?handler=Export&{await administrator.ConfirmedAsync("/admin/audit")}", TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var leadPage = await Html.ReadAsync(await leadAdministrator.GetAsync("/admin/audit", TestContext.Current.CancellationToken));

        Assert.DoesNotContain("Hidden", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("threatened at home", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("threatened at home", export, StringComparison.Ordinal);
        Assert.DoesNotContain(covert.PayNumber, export, StringComparison.Ordinal);
        Assert.Contains("1 event about support requests restricted to welfare leads is not shown", page.Texts("[data-testid=withheld]").Single(), StringComparison.Ordinal);
        Assert.Contains("threatened at home", leadPage.QuerySelector("[data-testid=events]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(leadPage.QuerySelector("[data-testid=withheld]"));
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
        foreach (var detail in new[] { "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@SUM(A1)", "\tTab", "\rReturn", "plain", "＝1+1", "＋1", "－1", "＠SUM(A1)", "\u200B=1+1", "\u202E=1+1" })
        {
            await RecordAsync(factory, AuditActions.PriorityOverridden, null, detail);
        }

        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var response = await client.GetAsync($"/admin/audit?handler=Export&action=support_request.priority_overridden&{await client.ConfirmedAsync("/admin/audit")}", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "An export must not be kept by the browser or a proxy (Cache-Control: no-store).");
        using var reader = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        var details = new List<string>();
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetField("detail")!);
        }

        Assert.Equal(["'=HYPERLINK(\"http://evil.example\")", "'+1", "'-1", "'@SUM(A1)", "'\tTab", "'\rReturn", "plain", "'＝1+1", "'＋1", "'－1", "'＠SUM(A1)", "'\u200B=1+1", "'\u202E=1+1"], details);
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
            command.CommandText = TestProvider.DropAuditTriggersSql + "UPDATE audit_events SET actor_subject = 'nobody' WHERE sequence = 2;" + TestProvider.RestoreAuditTriggersSql;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var broken = await Html.ReadAsync(await client.SubmitAsync("/admin/audit", "/admin/audit?handler=Verify"));

        Assert.StartsWith("The audit trail is intact: all 3 events are as they were recorded", intact.Section("verification").QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The audit trail has been tampered with: 1 problem", broken.Section("verification").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Event 2 (support_request.viewed, recorded", Assert.Single(broken.Section("verification").Texts("li")), StringComparison.Ordinal);
        Assert.Equal(["intact: 3 events", "1 problem in 4 events"], (await EventsAsync(factory, AuditActions.AuditVerified)).OrderBy(e => e.Sequence).Select(e => e.Detail));
    }
}
