using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Outreach;

/// <summary>Who has not confirmed a campaign or an incident's notices: counts by unit and location, the people a page at a time, a unit's briefing sheet and CSV.</summary>
public sealed class UnconfirmedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, Person Admin)> AdminAsync()
    {
        var admin = await factory.Data.CreatePersonAsync(p => p.Unit = "Headquarters " + TestData.NewPayNumber());
        return (factory.ClientAs(admin.PayNumber, RoleNames.Admin), admin);
    }

    private async Task<List<AuditEvent>> AuditAsync(Person actor)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorPersonId == actor.Id).OrderBy(e => e.Id).ToListAsync(Cancel);
    }

    private static List<string> Rows(AngleSharp.Dom.IElement table) =>
        [.. table.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim())))];

    [Fact]
    public async Task Campaign_ListsWhoHasNotConfirmed_ByUnitAndLocation_APageAtATime_AndEveryLookIsAudited()
    {
        var (admin, adminPerson) = await AdminAsync();
        var custody = "Custody " + TestData.NewPayNumber();
        var dogs = "Dog Support " + TestData.NewPayNumber();
        var cells = await factory.Data.CreatePeopleAsync(60, (p, _) => (p.Unit, p.WorkLocation) = (custody, "Northgate Police Station"));
        var kennels = await factory.Data.CreatePeopleAsync(3, (p, _) => (p.Unit, p.WorkLocation) = (dogs, "Eastgate Kennels"));
        var leaver = await factory.Data.CreatePersonAsync(p => (p.Unit, p.Status) = (dogs, PersonStatus.Leaver));
        var id = await factory.Data.SendNoticeAsync([.. cells, .. kennels, leaver]);
        await factory.Data.AcknowledgeAsync(id, [.. cells.Take(5), kennels[0]]);

        var page = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed", Cancel));
        var second = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed?p=2", Cancel));
        var filtered = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed?unit={Uri.EscapeDataString(dogs)}&location=Eastgate+Kennels", Cancel));

        Assert.Equal("57 of 63 people have not confirmed that they have read this notice; 9% have.", page.Section("unconfirmed-overall").TextContent.Trim());
        var byUnit = Rows(page.Section("unconfirmed-by-unit"));
        Assert.Equal($"{custody}|55|8|60|Briefing sheet for {custody} · CSV for {custody}", byUnit[0]);
        Assert.Equal($"{dogs}|2|33|3|Briefing sheet for {dogs} · CSV for {dogs}", byUnit[1]);
        Assert.Contains($"{custody}|Northgate Police Station|55|8|60", Rows(page.Section("unconfirmed-by-location")));
        Assert.Equal(50, page.Section("unconfirmed-people").QuerySelectorAll("tbody tr").Length);
        Assert.Equal("1 to 50 of 57", page.Section("unconfirmed-showing").TextContent.Trim());
        Assert.Equal(7, second.Section("unconfirmed-people").QuerySelectorAll("tbody tr").Length);
        Assert.Equal("51 to 57 of 57", second.Section("unconfirmed-showing").TextContent.Trim());
        var names = Rows(filtered.Section("unconfirmed-people"));
        Assert.Equal([.. kennels.Skip(1).Select(p => $"{p.DisplayName}|Constable|{p.PayNumber}|{dogs}|Eastgate Kennels")], names.Select(r => string.Join('|', r.Split('|')[..5])));
        Assert.DoesNotContain(leaver.PayNumber, filtered.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(cells[0].PayNumber, page.Body!.TextContent, StringComparison.Ordinal);

        var audit = await AuditAsync(adminPerson);
        Assert.Equal(
            [
                ("all units: page 1 of 2, 50 named"),
                ("all units: page 2 of 2, 7 named"),
                ($"unit {dogs}, at Eastgate Kennels: page 1 of 1, 2 named"),
            ],
            audit.Where(e => e.Action == AuditActions.UnconfirmedViewed && e.Target == $"campaign/{id}").Select(e => e.Detail));
    }

    [Fact]
    public async Task BriefingSheet_NamesTheUnitsUnconfirmedByLocation_ForItsCommander_AndTheCsvIsSpreadsheetSafe_NeverWhatWasHeld()
    {
        var (admin, adminPerson) = await AdminAsync();
        var unit = "Roads Policing " + TestData.NewPayNumber();
        var north = await factory.Data.CreatePeopleAsync(2, (p, i) => (p.Unit, p.WorkLocation, p.RankOrGrade) = (unit, "Northgate Police Station", "Sergeant"));
        var formula = await factory.Data.CreatePersonAsync(p => (p.Unit, p.WorkLocation, p.GivenName, p.VettingLevel) = (unit, "Southgate Police Station", "=HYPERLINK(\"http://x\")", VettingLevel.DV));
        var other = await factory.Data.CreatePersonAsync(p => p.Unit = "Training " + TestData.NewPayNumber());
        var id = await factory.Data.SendNoticeAsync([.. north, formula, other], subject: "Supplier breach: what it means for you");
        await factory.Data.AcknowledgeAsync(id, north[0]);

        var sheet = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed/briefing?unit={Uri.EscapeDataString(unit)}", Cancel));
        var csvResponse = await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed/briefing?handler=Download&unit={Uri.EscapeDataString(unit)}", Cancel);
        var csv = await csvResponse.Content.ReadAsStringAsync(Cancel);

        Assert.StartsWith("OFFICIAL-SENSITIVE: PERSONAL", sheet.Section("marking").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(unit, sheet.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("2 people in this unit have not confirmed that they have read the notice \u201CSupplier breach: what it means for you\u201D.", sheet.Section("briefing-summary").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["Northgate Police Station", "Southgate Police Station"], sheet.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).Where(t => t.EndsWith("Station", StringComparison.Ordinal)));
        Assert.Equal([$"{north[1].DisplayName}|Sergeant|{north[1].PayNumber}|", $"{formula.DisplayName}|Constable|{formula.PayNumber}|"],
            sheet.QuerySelectorAll("[data-testid='briefing-people']").SelectMany(Rows));
        Assert.Contains("http://localhost", sheet.Section("what-to-tell-them").TextContent, StringComparison.Ordinal);

        Assert.Equal("text/csv; charset=utf-8", csvResponse.Content.Headers.ContentType!.ToString());
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("name,rank_or_grade,pay_number,unit,work_location", lines[0]);
        Assert.Equal($"{north[1].DisplayName},Sergeant,{north[1].PayNumber},{unit},Northgate Police Station", lines[1]);
        Assert.Equal($"\"'=HYPERLINK(\"\"http://x\"\") {formula.FamilyName}\",Constable,{formula.PayNumber},{unit},Southgate Police Station", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("DV", csv, StringComparison.Ordinal);

        var audit = (await AuditAsync(adminPerson)).Where(e => e.Target == $"campaign/{id}").Select(e => (e.Action, e.Detail)).ToList();
        Assert.Equal([(AuditActions.BriefingSheetOpened, $"unit {unit}: 2 named"), (AuditActions.UnconfirmedExported, $"unit {unit}: 2 named")], audit);
    }

    [Fact]
    public async Task Incident_CountsEveryoneItExposed_ThoseNoNoticeHasReachedToo_AndAnyOfItsNoticesConfirmedCounts()
    {
        var (admin, _) = await AdminAsync();
        var incident = await factory.Data.CreateIncidentAsync();
        var unit = "Firearms " + TestData.NewPayNumber();
        var people = await factory.Data.CreatePeopleAsync(4, (p, _) => (p.Unit, p.WorkLocation) = (unit, "Headquarters"));
        foreach (var person in people)
        {
            await factory.Data.AddExposureAsync(person, incident, HeldFields.Name | HeldFields.Photo);
        }

        var first = await factory.Data.SendNoticeAsync(people[..3], about: incident);
        var second = await factory.Data.SendNoticeAsync(people[..2], subject: "An update", about: incident);
        await factory.Data.AcknowledgeAsync(first, people[0]);
        await factory.Data.AcknowledgeAsync(second, people[1]);

        var page = await Html.ReadAsync(await admin.GetAsync($"/admin/incidents/{incident.Id}/unconfirmed", Cancel));

        Assert.Equal("2 of 4 people have not confirmed that they have read a notice about this incident; 50% have.", page.Section("unconfirmed-overall").TextContent.Trim());
        var rows = Rows(page.Section("unconfirmed-people"));
        Assert.Equal([people[2].PayNumber, people[3].PayNumber], rows.Select(r => r.Split('|')[2]));
        Assert.EndsWith("|Not sent one", rows.Single(r => r.Contains(people[3].PayNumber, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("Photo", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSuchCampaignOrIncident_IsNotFound_AndABriefingWithoutAUnit_GoesToTheList()
    {
        var (admin, _) = await AdminAsync();
        var id = await factory.Data.SendNoticeAsync(await factory.Data.CreatePersonAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/campaigns/999999/unconfirmed", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/incidents/999999/unconfirmed", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/incidents/999999/unconfirmed/briefing?unit=Custody", Cancel)).StatusCode);
        var noUnit = await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed/briefing", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, noUnit.StatusCode);
        Assert.Equal($"/admin/campaigns/{id}/unconfirmed", noUnit.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/campaigns/{id}/unconfirmed?p=abc", Cancel)).StatusCode);
    }
}
