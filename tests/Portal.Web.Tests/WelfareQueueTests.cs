using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>A portal whose queue holds 20,000 requests, the size a force might see in its first weeks.</summary>
public sealed class BusyQueueFactory : PortalFactory, IAsyncLifetime
{
    public const int Requests = 20_000;
    public Person Lead { get; private set; } = null!;
    public DateTime Now { get; } = DateTime.UtcNow;

    public async ValueTask InitializeAsync()
    {
        Lead = await Data.CreatePersonAsync();
        var requesters = new List<Person>();
        for (var i = 0; i < 20; i++)
        {
            requesters.Add(await Data.CreatePersonAsync(p => p.SensitiveRole = i == 0 ? SensitiveRole.Covert : SensitiveRole.None));
        }

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.WelfareTeamMembers.Add(new WelfareTeamMember { PersonId = Lead.Id, IsLead = true, LastSeenUtc = Now });
        db.SupportRequests.AddRange(SyntheticQueue.Requests(requesters, Lead.Id, Requests, Now));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => base.DisposeAsync();
}

public sealed class WelfareQueueTests(BusyQueueFactory factory) : IClassFixture<BusyQueueFactory>
{
    private static readonly SupportRequestStatus[] Open = [SupportRequestStatus.New, SupportRequestStatus.Triaged, SupportRequestStatus.InProgress, SupportRequestStatus.WaitingOnPerson];

    private HttpClient Lead() => factory.ClientAs(factory.Lead.PayNumber, RoleNames.WelfareLead);

    private async Task<int> CountAsync(Func<IQueryable<SupportRequest>, IQueryable<SupportRequest>> filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await filter(scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests).CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Queue_ShowsOnePageOfFiftyOpenRequestsMostUrgentFirst()
    {
        var page = await Html.ReadAsync(await Lead().GetAsync("/welfare", TestContext.Current.CancellationToken));

        var rows = page.Section("queue").QuerySelectorAll("tbody tr");
        Assert.Equal(50, rows.Length);
        var open = await CountAsync(q => q.Where(r => Open.Contains(r.Status)));
        Assert.Equal($"{open} requests · page 1 of {(open + 49) / 50}", page.Section("total").TextContent);
        Assert.All(rows, row => Assert.StartsWith("Critical", row.QuerySelectorAll("td")[2].QuerySelector(".govuk-tag")!.TextContent, StringComparison.Ordinal));
        Assert.Contains(SyntheticQueue.Reasons[0], rows[0].TextContent);
        Assert.Contains("Waiting: overdue by", page.Section("queue").TextContent);
    }

    [Fact]
    public async Task Queue_LastPageAndBeyond_ShowTheRemainder()
    {
        var all = BusyQueueFactory.Requests;
        var last = await Html.ReadAsync(await Lead().GetAsync("/welfare?status=all&page=400", TestContext.Current.CancellationToken));
        var beyond = await Html.ReadAsync(await Lead().GetAsync("/welfare?status=all&page=99999", TestContext.Current.CancellationToken));

        Assert.Equal($"{all} requests · page 400 of 400", last.Section("total").TextContent);
        Assert.Equal(50, last.Section("queue").QuerySelectorAll("tbody tr").Length);
        Assert.Equal($"{all} requests · page 400 of 400", beyond.Section("total").TextContent);
    }

    [Fact]
    public async Task Filters_CountExactlyTheMatchingRequests()
    {
        var now = DateTime.UtcNow;
        var cases = new (string Query, Func<IQueryable<SupportRequest>, IQueryable<SupportRequest>> Expected)[]
        {
            ("type=Family", q => q.Where(r => Open.Contains(r.Status) && r.Type == SupportRequestType.Family)),
            ("status=Resolved&priority=High", q => q.Where(r => r.Status == SupportRequestStatus.Resolved && r.Priority == Priority.High)),
            ("assigned=unassigned", q => q.Where(r => Open.Contains(r.Status) && r.AssignedToPersonId == null)),
            ("assigned=me&status=all", q => q.Where(r => r.AssignedToPersonId == factory.Lead.Id)),
            ("overdue=true", q => q.Where(r => Open.Contains(r.Status) && ((r.SlaPausedAtUtc == null && r.DueUtc < now) || (r.FirstContactUtc == null && r.FirstContactDueUtc < now)))),
            ("soon=true", q => q.Where(r => Open.Contains(r.Status)
                && ((r.FirstContactUtc == null && r.FirstContactDueUtc >= now && r.FirstContactDueUtc < now.AddHours(4)) || (r.SlaPausedAtUtc == null && r.DueUtc >= now && r.DueUtc < now.AddHours(4))))),
        };

        foreach (var (query, expected) in cases)
        {
            var page = await Html.ReadAsync(await Lead().GetAsync($"/welfare?{query}", TestContext.Current.CancellationToken));
            var count = await CountAsync(expected);
            Assert.True(count > 0, query);
            Assert.StartsWith($"{count} requests", page.Section("total").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Workload_CountsEachOfficersOpenAndOverdueRequests_AndEachNumberOpensTheQueueAtThem()
    {
        var now = DateTime.UtcNow;
        var page = await Html.ReadAsync(await Lead().GetAsync("/welfare/workload", TestContext.Current.CancellationToken));

        var lead = page.Section("workload").QuerySelector($"tr[data-person='{factory.Lead.Id}']")!;
        var cells = lead.QuerySelectorAll("td a").Select(a => a.TextContent.Split(' ')[0]).ToList();
        var open = await CountAsync(q => q.Where(r => Open.Contains(r.Status) && r.AssignedToPersonId == factory.Lead.Id));
        var overdue = await CountAsync(q => q.Where(r => Open.Contains(r.Status) && r.AssignedToPersonId == factory.Lead.Id
            && ((r.SlaPausedAtUtc == null && r.DueUtc < now) || (r.FirstContactUtc == null && r.FirstContactDueUtc < now))));
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
        Assert.Equal(overdue.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        Assert.True(open > 0 && overdue > 0);

        var queue = await Html.ReadAsync(await Lead().GetAsync(lead.QuerySelectorAll("td a")[0].GetAttribute("href")!, TestContext.Current.CancellationToken));
        Assert.StartsWith($"{open} requests", queue.Section("total").TextContent, StringComparison.Ordinal);
        var unassigned = page.Section("workload").QuerySelector("tr[data-person='unassigned'] td a")!.TextContent.Split(' ')[0];
        Assert.Equal((await CountAsync(q => q.Where(r => Open.Contains(r.Status) && r.AssignedToPersonId == null))).ToString(System.Globalization.CultureInfo.InvariantCulture), unassigned);
    }

    [Fact]
    public async Task Counts_AtTheTopMatchTheQueue()
    {
        var page = await Html.ReadAsync(await Lead().GetAsync("/welfare", TestContext.Current.CancellationToken));

        Assert.Equal((await CountAsync(q => q.Where(r => r.Status == SupportRequestStatus.New))).ToString(System.Globalization.CultureInfo.InvariantCulture), page.Section("count-new").TextContent);
        Assert.Equal((await CountAsync(q => q.Where(r => Open.Contains(r.Status) && r.AssignedToPersonId == null))).ToString(System.Globalization.CultureInfo.InvariantCulture), page.Section("count-unassigned").TextContent);
        // Per UK day, as the database has them.
        var firstDay = Portal.Core.Text.UkTime.DateOf(DateTime.UtcNow).AddDays(-13);
        await using var scope = factory.Services.CreateAsyncScope();
        var since = Portal.Core.Text.UkTime.StartOfDay(firstDay);
        var made = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.Where(r => r.CreatedUtc >= since).Select(r => r.CreatedUtc)
            .ToListAsync(TestContext.Current.CancellationToken)).CountBy(Portal.Core.Text.UkTime.DateOf).ToDictionary();
        Assert.Equal([.. Enumerable.Range(0, 14).Select(i => made.GetValueOrDefault(firstDay.AddDays(i)).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            page.Section("per-day").QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td")[1].TextContent));
    }

    [Fact]
    public async Task NewestFirst_SortsByWhenTheyWereMade()
    {
        var page = await Html.ReadAsync(await Lead().GetAsync("/welfare?status=all&sort=newest", TestContext.Current.CancellationToken));

        var references = page.Section("queue").QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-reference")!).ToList();
        Assert.Equal(references.OrderBy(r => r, StringComparer.Ordinal).ToList(), references);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("type=NotAType&priority=9")]
    [InlineData("status=<script>&sort=drop")]
    [InlineData("page=-5")]
    public async Task NonsenseFilters_FallBackInsteadOfFailing(string query)
    {
        var response = await Lead().GetAsync($"/welfare?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
