using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Incidents;
using Portal.Core.Support;
using Portal.Core.Text;
using static Portal.Core.Oversight.OversightTables;

namespace Portal.Core.Oversight;

/// <summary>
/// Counts the oversight figures from the data the portal already holds — delivery rows, confirmations, support
/// requests — and suppresses them (<see cref="Suppression"/>) before anything else sees them. Grouping is done by the
/// database where it can; the per-day buckets (UK days) and the medians read one small column each.
/// </summary>
public sealed class OversightCounts(PortalDbContext db, IOptions<OversightOptions> options, TimeProvider clock)
{
    /// <summary>The whole response, then each incident not closed, since it was discovered.</summary>
    public async Task<OversightFigures> CountAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scopes = new List<ScopeFigures> { await CountAsync(OversightScope.All, now, cancellationToken) };
        foreach (var scope in await OpenIncidentScopesAsync(cancellationToken))
        {
            scopes.Add(await CountAsync(scope, now, cancellationToken));
        }

        return new OversightFigures(now, scopes);
    }

    public async Task<IReadOnlyList<OversightScope>> OpenIncidentScopesAsync(CancellationToken cancellationToken = default)
    {
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.Status != IncidentStatus.Closed).OrderBy(i => i.DiscoveredOn).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Reference, i.Title, i.DiscoveredOn }).ToListAsync(cancellationToken);
        return [.. incidents.Select(i => new OversightScope("incident-" + i.Id, $"{i.Title} ({i.Reference})", i.Id, UkTime.ToUtc(i.DiscoveredOn.ToDateTime(TimeOnly.MinValue))))];
    }

    /// <summary>What happened in a period (the board pack's last day): counts of each kind of event, and the requests made by priority.</summary>
    public async Task<IReadOnlyList<FigureTable>> CountPeriodAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var delivered = await db.Deliveries.AsNoTracking().CountAsync(d => d.Status == DeliveryStatus.Sent && d.SentUtc >= fromUtc && d.SentUtc < toUtc, cancellationToken);
        var confirmed = await db.Acknowledgements.AsNoTracking().CountAsync(a => a.AcknowledgedUtc >= fromUtc && a.AcknowledgedUtc < toUtc, cancellationToken);
        var requests = db.SupportRequests.AsNoTracking();
        var made = await requests.Where(r => r.CreatedUtc >= fromUtc && r.CreatedUtc < toUtc).GroupBy(r => r.Priority)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var contacted = await requests.CountAsync(r => r.FirstContactUtc >= fromUtc && r.FirstContactUtc < toUtc, cancellationToken);
        var resolved = await requests.CountAsync(r => r.ResolvedUtc >= fromUtc && r.ResolvedUtc < toUtc, cancellationToken);

        var events = Suppression.Apply(LastDay, "What happened", "What", ["Count"],
        [
            ("Notices delivered", [delivered]),
            ("Notices confirmed", [confirmed]),
            ("Support requests made", [made.Values.Sum()]),
            ("Requests first contacted", [contacted]),
            ("Requests resolved", [resolved]),
        ], withTotal: false);
        var byPriority = Suppression.Apply(LastDay + "-by-priority", "Support requests made, by priority", "Priority", ["Requests"],
            [.. Enum.GetValues<Priority>().Select(p => (p.ToString(), new[] { made.GetValueOrDefault(p) }))], withTotal: true);
        return [events, byPriority];
    }

    public async Task<ScopeFigures> CountAsync(OversightScope scope, DateTime now, CancellationToken cancellationToken = default)
    {
        var days = Days(scope, now);
        var tables = new List<FigureTable>();
        tables.AddRange(await NoticesAsync(scope, days, cancellationToken));
        var (requestTables, toContact, toResolution) = await RequestsAsync(scope, days, now, cancellationToken);
        tables.AddRange(requestTables);

        var people = scope.IncidentId is { } incident
            ? await IncidentPeople.CountAsync(db, incident, cancellationToken)
            : await db.People.AsNoTracking().CountAsync(p => p.Status == PersonStatus.Active, cancellationToken);
        return new ScopeFigures(scope.Key, scope.Title, scope.SinceUtc, people is > 0 and < Suppression.Threshold ? null : people, tables, toContact, toResolution);
    }

    /// <summary>The UK days charted: the last <see cref="OversightOptions.DaysCharted"/>, or since the incident began when that is fewer.</summary>
    private List<DateOnly> Days(OversightScope scope, DateTime now)
    {
        var today = UkTime.DateOf(now);
        var first = today.AddDays(1 - options.Value.DaysCharted);
        if (scope.SinceUtc is { } since && UkTime.DateOf(since) > first)
        {
            first = UkTime.DateOf(since) > today ? today : UkTime.DateOf(since);
        }

        return [.. Enumerable.Range(0, today.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
    }

    private async Task<IReadOnlyList<FigureTable>> NoticesAsync(OversightScope scope, List<DateOnly> days, CancellationToken cancellationToken)
    {
        var campaigns = await db.NoticeCampaigns.AsNoTracking()
            .Where(c => c.StartedUtc != null && (scope.IncidentId == null || c.IncidentId == scope.IncidentId))
            .OrderBy(c => c.StartedUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Subject, Started = c.StartedUtc!.Value }).ToListAsync(cancellationToken);
        var ids = campaigns.Select(c => c.Id).ToList();
        var deliveries = db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.CampaignId) && d.Status != DeliveryStatus.Cancelled);
        var acknowledgements = db.Acknowledgements.AsNoTracking().Where(a => ids.Contains(a.CampaignId));

        var byCampaign = await deliveries.GroupBy(d => new { d.CampaignId, d.Status }).Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var confirmedByCampaign = await acknowledgements.GroupBy(a => a.CampaignId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var campaignTable = Suppression.Apply(NoticesByCampaign, "Notices, by campaign", "Notice",
            NoticeColumns,
            [.. campaigns.Select(c => ($"{c.Subject} ({UkTime.Format(c.Started, "d MMM yyyy")})",
                NoticeRow(byCampaign.Where(x => x.CampaignId == c.Id).Select(x => (x.Status, x.Count)), confirmedByCampaign.GetValueOrDefault(c.Id))))],
            withTotal: true, NoticeSums);

        var byUnit = await deliveries.Join(db.People, d => d.PersonId, p => p.Id, (d, p) => new { p.Unit, d.Status })
            .GroupBy(x => new { x.Unit, x.Status }).Select(g => new { g.Key.Unit, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var confirmedByUnit = await acknowledgements.Join(db.People, a => a.PersonId, p => p.Id, (a, p) => p.Unit)
            .GroupBy(unit => unit).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var unitTable = Suppression.Apply(NoticesByUnit, "Notices, by unit", "Unit", NoticeColumns,
            [.. byUnit.Select(x => x.Unit).Distinct().Order(StringComparer.Ordinal)
                .Select(unit => (unit, NoticeRow(byUnit.Where(x => x.Unit == unit).Select(x => (x.Status, x.Count)), confirmedByUnit.GetValueOrDefault(unit))))],
            withTotal: true, NoticeSums);

        var from = UkTime.StartOfDay(days[0]);
        var sent = await deliveries.Where(d => d.Status == DeliveryStatus.Sent && d.SentUtc >= from).Select(d => d.SentUtc!.Value).ToListAsync(cancellationToken);
        var confirmed = await acknowledgements.Where(a => a.AcknowledgedUtc >= from).Select(a => a.AcknowledgedUtc).ToListAsync(cancellationToken);
        var dayTable = PerDay(NoticesByDay, "Notices, per day", days, [(Delivered, sent), (Confirmed, confirmed)]);
        return [campaignTable, unitTable, dayTable];
    }

    private static int[] NoticeRow(IEnumerable<(DeliveryStatus Status, int Count)> counts, int confirmed)
    {
        var list = counts.ToList();
        int Of(params DeliveryStatus[] statuses) => list.Where(x => statuses.Contains(x.Status)).Sum(x => x.Count);
        var sent = Of(DeliveryStatus.Pending, DeliveryStatus.Sending, DeliveryStatus.Sent, DeliveryStatus.FailedTemporary, DeliveryStatus.FailedPermanent);
        return [sent, Of(DeliveryStatus.Sent), Of(DeliveryStatus.FailedPermanent), Of(DeliveryStatus.Pending, DeliveryStatus.Sending, DeliveryStatus.FailedTemporary), confirmed, sent - confirmed];
    }

    private async Task<(IReadOnlyList<FigureTable> Tables, Median ToContact, Median ToResolution)> RequestsAsync(
        OversightScope scope, List<DateOnly> days, DateTime now, CancellationToken cancellationToken)
    {
        var requests = db.SupportRequests.AsNoTracking();
        if (scope.IncidentId is { } incident)
        {
            var since = scope.SinceUtc ?? DateTime.MinValue;
            requests = requests.Where(r => r.CreatedUtc >= since && db.Exposures.Any(e => e.IncidentId == incident && e.PersonId == r.PersonId));
        }

        var rows = await requests.Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new RequestFacts(
            r.CreatedUtc, r.Status, r.Priority, r.Type, r.DueUtc, r.SlaPausedAtUtc, r.FirstContactUtc, r.FirstContactDueUtc, r.ResolvedUtc, p.RankOrGrade,
            db.ThreatAssessments.Where(a => a.SupportRequestId == r.Id).Select(a => (ThreatLevel?)a.Level).FirstOrDefault())).ToListAsync(cancellationToken);

        int[] Counts(IEnumerable<RequestFacts> group)
        {
            var list = group.ToList();
            return [list.Count, list.Count(r => r.IsOpen), list.Count(r => r.IsOpen && r.FirstContactUtc is null), list.Count(r => r.IsOverdue(now))];
        }

        var byDay = PerDay(RequestsByDay, "Support requests, per day", days,
            [("Made", rows.Select(r => r.CreatedUtc).ToList()), ("First contact", rows.Where(r => r.FirstContactUtc is not null).Select(r => r.FirstContactUtc!.Value).ToList()),
             ("Resolved", rows.Where(r => r.ResolvedUtc is not null).Select(r => r.ResolvedUtc!.Value).ToList())]);
        var byStatus = Suppression.Apply(RequestsByStatus, "Support requests, by status", "Status", ["Requests"],
            [.. Enum.GetValues<SupportRequestStatus>().Select(s => (SupportWorkflow.DescribeForTeam(s), new[] { rows.Count(r => r.Status == s) }))], withTotal: true);
        var byPriority = Suppression.Apply(RequestsByPriority, "Support requests, by priority", "Priority", RequestColumns,
            [.. Enum.GetValues<Priority>().Select(p => (p.ToString(), Counts(rows.Where(r => r.Priority == p))))], withTotal: true);
        var byType = Suppression.Apply(RequestsByType, "Support requests, by type", "Type", RequestColumns,
            [.. Enum.GetValues<SupportRequestType>().Select(t => (SupportWorkflow.Describe(t), Counts(rows.Where(r => r.Type == t))))], withTotal: true);
        // Awaiting: open, of a kind that waits for an assessment, and not yet assessed.
        var needed = ThreatAssessments.Needed;
        var byRank = Suppression.Apply(AssessmentsByRank, "Threat assessments by rank or grade", "Rank or grade", ["Assessed", "Awaiting assessment"],
            [.. rows.Where(r => r.Level is not null || (r.IsOpen && needed.Contains(r.Type))).GroupBy(r => r.Rank).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, new[] { g.Count(r => r.Level is not null), g.Count(r => r.Level is null) }))],
            withTotal: true);
        var byLevel = Suppression.Apply(AssessmentsByLevel, "Threat assessments by level", "Threat level", ["Assessed"],
            [.. Enum.GetValues<ThreatLevel>().Select(level => (level.ToString(), new[] { rows.Count(r => r.Level == level) }))], withTotal: true);

        static Median MedianOf(List<double> hours)
        {
            hours.Sort();
            return hours.Count < Suppression.Threshold
                ? new Median(null, hours.Count)
                : new Median(hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[(hours.Count / 2) - 1] + hours[hours.Count / 2]) / 2, hours.Count);
        }

        var toContact = MedianOf([.. rows.Where(r => r.FirstContactUtc is not null).Select(r => (r.FirstContactUtc!.Value - r.CreatedUtc).TotalHours)]);
        var toResolution = MedianOf([.. rows.Where(r => r.ResolvedUtc is not null).Select(r => (r.ResolvedUtc!.Value - r.CreatedUtc).TotalHours)]);
        return ([byDay, byStatus, byPriority, byType, byRank, byLevel], toContact, toResolution);
    }

    private static FigureTable PerDay(string key, string title, List<DateOnly> days, IReadOnlyList<(string Column, List<DateTime> Times)> series)
    {
        var counts = series.Select(s => s.Times.GroupBy(UkTime.DateOf).ToDictionary(g => g.Key, g => g.Count())).ToList();
        return Suppression.Apply(key, title, "Day", [.. series.Select(s => s.Column)],
            [.. days.Select(day => (day.ToString("ddd d MMM", UkEnglish.Culture), counts.Select(c => c.GetValueOrDefault(day)).ToArray()))], withTotal: true);
    }

    private sealed record RequestFacts(DateTime CreatedUtc, SupportRequestStatus Status, Priority Priority, SupportRequestType Type, DateTime DueUtc, DateTime? SlaPausedAtUtc,
        DateTime? FirstContactUtc, DateTime? FirstContactDueUtc, DateTime? ResolvedUtc, string Rank, ThreatLevel? Level)
    {
        public bool IsOpen => SupportWorkflow.IsOpen(Status);

        public bool IsOverdue(DateTime now) => IsOpen && ((SlaPausedAtUtc is null && DueUtc < now) || (FirstContactUtc is null && FirstContactDueUtc < now));
    }
}
