using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;
using Portal.Core.Text;

namespace Portal.Web.Pages.Welfare;

/// <summary>
/// The queue's chart of requests made per UK day. A day that has ended changes only when a request is removed or its
/// restriction changes, so each node keeps the past days' counts (for leads and for the rest of the team) for a few
/// minutes and counts only today each time: the chart costs one index range, not the fortnight's rows.
/// </summary>
public sealed class RequestsPerDay(TimeProvider clock)
{
    /// <summary>How long a past day's count is kept before it is counted again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(bool Lead, DateOnly Day), (int Count, DateTime CountedUtc)> past = new();

    /// <param name="visible">The requests the officer may see (all, for a lead; the unrestricted, for the rest).</param>
    public async Task<IReadOnlyList<(DateOnly Day, int Requests)>> CountAsync(IQueryable<SupportRequest> visible, bool lead, int days, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = UkTime.DateOf(now);
        var firstDay = today.AddDays(1 - days);
        var startOfToday = UkTime.StartOfDay(today);

        var pastDays = Enumerable.Range(0, days - 1).Select(i => firstDay.AddDays(i)).ToList();
        if (pastDays.Any(day => !past.TryGetValue((lead, day), out var kept) || now - kept.CountedUtc > KeptFor))
        {
            var since = UkTime.StartOfDay(firstDay);
            var counted = (await visible.Where(r => r.CreatedUtc >= since && r.CreatedUtc < startOfToday).Select(r => r.CreatedUtc).ToListAsync(cancellationToken))
                .CountBy(UkTime.DateOf).ToDictionary();
            foreach (var day in pastDays)
            {
                past[(lead, day)] = (counted.GetValueOrDefault(day), now);
            }

            foreach (var stale in past.Keys.Where(k => k.Day < firstDay))
            {
                past.TryRemove(stale, out _);
            }
        }

        var todays = await visible.CountAsync(r => r.CreatedUtc >= startOfToday, cancellationToken);
        return [.. pastDays.Select(day => (day, past[(lead, day)].Count)), (today, todays)];
    }
}
