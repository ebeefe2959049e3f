using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;
using Portal.Web.Pages.Me;

namespace Portal.Web.Infrastructure;

/// <summary>
/// What "Am I affected?" shows every person alike — the incidents with their latest updates, and the published guidance
/// to choose from — read once and kept for <see cref="KeepFor"/>. A change saved on this node is seen at once
/// (<see cref="SharedContent"/>); one saved on another node within <see cref="KeepFor"/>. Nothing about any person is kept.
/// </summary>
public sealed class StaffContentCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim reload = new(1, 1);
    private volatile Snapshot? current;

    public sealed record IncidentSummary(
        int Id, string Reference, string Title, string Source, string Summary, IncidentStatus Status, DateOnly OccurredOn, DateOnly DiscoveredOn,
        IReadOnlyList<string> NotIncluded, IncidentUpdateView? LatestUpdate, IReadOnlyList<IncidentFieldStatus> FieldStatuses);

    public sealed record Snapshot(long Version, DateTimeOffset ReadAt, IReadOnlyList<IncidentSummary> Incidents, IReadOnlyList<GuidanceRelevance.Candidate> Guidance);

    public async Task<Snapshot> GetAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (Fresh(current) is { } snapshot)
        {
            return snapshot;
        }

        await reload.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(current) is { } again)
            {
                return again;
            }

            // The version is taken before reading, so a change saved while reading makes the next request read again.
            var version = SharedContent.Version;
            var statuses = (await db.IncidentFieldStatuses.AsNoTracking().OrderBy(s => s.RecordedUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken))
                .ToLookup(s => s.IncidentId);
            var incidents = (await db.Incidents.AsNoTracking()
                .OrderByDescending(i => i.DiscoveredOn).ThenBy(i => i.Reference)
                .Select(i => new
                {
                    i.Id,
                    i.Reference,
                    i.Title,
                    i.Source,
                    i.Summary,
                    i.Status,
                    i.OccurredOn,
                    i.DiscoveredOn,
                    i.NotIncluded,
                    Latest = i.Updates.OrderByDescending(u => u.PostedUtc).Select(u => new IncidentUpdateView(u.PostedUtc, u.Text)).FirstOrDefault()
                })
                .ToListAsync(cancellationToken))
                .Select(i => new IncidentSummary(i.Id, i.Reference, i.Title, i.Source, i.Summary, i.Status, i.OccurredOn, i.DiscoveredOn, i.NotIncluded, i.Latest, [.. statuses[i.Id]]))
                .ToList();
            var guidance = await db.GuidanceArticles.AsNoTracking().Where(a => a.Status == GuidanceStatus.Published)
                .Select(a => new GuidanceRelevance.Candidate(a.Slug, a.Title, a.Summary, a.Fields, a.ForRoles, a.DisplayOrder))
                .ToListAsync(cancellationToken);
            current = new Snapshot(version, clock.GetUtcNow(), incidents, guidance);
            return current;
        }
        finally
        {
            reload.Release();
        }
    }

    public void Dispose() => reload.Dispose();

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Version == SharedContent.Version && clock.GetUtcNow() - snapshot.ReadAt < KeepFor ? snapshot : null;
}
