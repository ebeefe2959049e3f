using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Oversight;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Oversight;

/// <summary>/oversight: the board's figures, read-only, with every small number suppressed in the page and the download.</summary>
public sealed class OversightTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task RefreshAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OversightSnapshots>().RefreshAsync(Cancel);
    }

    private async Task<HttpClient> OversightClientAsync() => factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Oversight);

    [Fact]
    public async Task AUnitOfThree_ShowsFewerThanFive_OnThePageAndInTheDownload_AndNoTotalLetsItBeWorkedOut()
    {
        var tiny = "Marine Policing " + Guid.NewGuid().ToString("N")[..6];
        var large = "Emergency Response " + Guid.NewGuid().ToString("N")[..6];
        var few = await factory.Data.CreatePeopleAsync(3, (p, _) => p.Unit = tiny);
        var many = await factory.Data.CreatePeopleAsync(12, (p, _) => p.Unit = large);
        var notice = await factory.Data.SendNoticeAsync([.. few, .. many], "Oversight: the supplier breach");
        await factory.Data.AcknowledgeAsync(notice, [few[0], few[1], .. many.Take(8)]);
        await RefreshAsync();
        var client = await OversightClientAsync();

        var page = await Html.ReadAsync(await client.GetAsync("/oversight", Cancel));

        var byUnit = Read(page.Section(OversightTables.NoticesByUnit));
        Assert.Equal(["fewer than 5", "fewer than 5", "0", "0", "fewer than 5", "fewer than 5"], byUnit.Rows[tiny]);
        Assert.Equal("0", byUnit.Rows[large][2]);
        AssertNothingDerivable(byUnit, OversightTables.NoticeSums);
        var byCampaign = Read(page.Section(OversightTables.NoticesByCampaign));
        Assert.Equal(["15", "15", "0", "0", "10", "5"], byCampaign.Rows.Single(r => r.Key.StartsWith("Oversight: the supplier breach", StringComparison.Ordinal)).Value);
        AssertNothingDerivable(byCampaign, OversightTables.NoticeSums);
        // Figures only: nobody is named.
        var text = page.Body!.TextContent;
        Assert.DoesNotContain(few[0].FamilyName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(few[0].PayNumber, text, StringComparison.Ordinal);

        var download = await client.GetAsync("/oversight?handler=Download", Cancel);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var lines = (await download.Content.ReadAsStringAsync(Cancel)).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(tiny, StringComparison.Ordinal)).ToList();
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("The whole response,", l, StringComparison.Ordinal));
        Assert.Equal(["fewer than 5", "fewer than 5", "0", "0", "fewer than 5", "fewer than 5"], lines.Select(l => l[(l.LastIndexOf(',') + 1)..]));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AnyAsync(e => e.Action == AuditActions.FiguresDownloaded, Cancel));
    }

    [Fact]
    public async Task SupportRequests_AreCountedByStatusPriorityTypeAndRank_WithTheMediansToFirstContactAndResolution()
    {
        var rank = "Chief Inspector " + Guid.NewGuid().ToString("N")[..4];
        var people = await factory.Data.CreatePeopleAsync(6, (p, _) => p.RankOrGrade = rank);
        var welfare = await factory.Data.CreatePersonAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<Portal.Core.Support.SupportRequests>();
            foreach (var person in people)
            {
                var request = await requests.CreateAsync(person.Id, new Portal.Core.Support.NewSupportRequest(
                    SupportRequestType.HomeOrVehicleSecurity, StatedUrgency.ThisWeek, "Someone was photographing my house.", ContactMethod.Portal, null, true), Cancel);
                if (person != people[0])
                {
                    await requests.SendMessageAsync(welfare.Id, request.Id, "We will call you today.", cancellationToken: Cancel);
                    await scope.ServiceProvider.GetRequiredService<Portal.Core.Support.ThreatAssessments>().SaveAsync(new Portal.Core.Audit.Actor(welfare.Id, "welfare", null), request.Id, 0,
                        new Portal.Core.Support.AssessmentInput(ThreatLevel.Moderate, ThreatFactors.PhotoExposed, null, "1", "1", (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), [], "We have assessed the risk to you."), Cancel);
                }
            }
        }

        await RefreshAsync();
        var page = await Html.ReadAsync(await (await OversightClientAsync()).GetAsync("/oversight", Cancel));

        // Five assessed, and one open and waiting: fewer than five, as every count from one to four.
        var byRank = Read(page.Section(OversightTables.AssessmentsByRank));
        Assert.Equal(["5", "fewer than 5"], byRank.Rows[rank]);
        AssertNothingDerivable(byRank, []);
        Assert.Contains("Moderate", Read(page.Section(OversightTables.AssessmentsByLevel)).Rows.Keys);
        var headlines = page.Section("headlines").Texts(".govuk-summary-list__row");
        Assert.Contains(headlines, h => h.StartsWith("Median time to first contact", StringComparison.Ordinal) && h.Contains("hours (over", StringComparison.Ordinal));
        Assert.Contains(headlines, h => h.StartsWith("Waiting for first contact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASnapshotCountedBeforeThreatAssessmentsWereKept_StillShows_AndSaysWhenTheyWillBeCounted()
    {
        await RefreshAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The latest snapshot as an older portal wrote it: without the tables of threat assessments.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var latest = await scope.ServiceProvider.GetRequiredService<OversightSnapshots>().LatestAsync(Cancel);
            var older = latest with { Scopes = [.. latest.Scopes.Select(s => s with { Tables = [.. s.Tables.Where(t => t.Key is not (OversightTables.AssessmentsByRank or OversightTables.AssessmentsByLevel))] })] };
            db.OversightSnapshots.Add(new OversightSnapshot { TakenUtc = DateTime.UtcNow, Figures = System.Text.Json.JsonSerializer.Serialize(older) });
            await db.SaveChangesAsync(Cancel);
        }

        var response = await (await OversightClientAsync()).GetAsync("/oversight", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Counted from the next count of the figures.", (await Html.ReadAsync(response)).Section(OversightTables.AssessmentsByRank).TextContent);
        await RefreshAsync();
    }

    [Fact]
    public async Task TheOversightRole_SeesTheFigures_ButNoPersonsRecord()
    {
        var client = await OversightClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/oversight", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/oversight/packs", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/welfare", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin", Cancel)).StatusCode);
    }

    private sealed record ReadTable(IReadOnlyList<string> Columns, Dictionary<string, string[]> Rows, string[] Total);

    private static ReadTable Read(IElement table)
    {
        var columns = table.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        var rows = table.QuerySelectorAll("tbody tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        var total = table.QuerySelectorAll("tfoot td").Select(td => td.TextContent.Trim()).ToArray();
        return new ReadTable(columns, rows, total);
    }

    /// <summary>As a reader would try: every sum on the page (a row's parts, a column against its total) hides none of its cells, or two or more.</summary>
    private static void AssertNothingDerivable(ReadTable table, IReadOnlyList<int[]> rowSums)
    {
        var rows = table.Rows.Values.Append(table.Total).ToList();
        foreach (var row in rows)
        {
            foreach (var sum in rowSums)
            {
                Assert.NotEqual(1, sum.Count(c => row[c] is FigureTable.FewerThanFive or FigureTable.WithheldText));
            }
        }

        for (var c = 0; c < table.Columns.Count; c++)
        {
            Assert.NotEqual(1, rows.Count(r => r[c] is FigureTable.FewerThanFive or FigureTable.WithheldText));
        }
    }
}
