using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Oversight;

/// <summary>
/// The figures <c>/oversight</c> shows: counted by the figures job every few minutes (<see cref="OversightOptions.FiguresCron"/>)
/// and kept as a snapshot, so the page reads one row (and, on each node, keeps the latest it has read) instead of
/// counting 47,000 people's notices on every request. Snapshots older than a day are removed as new ones are written.
/// </summary>
public sealed class OversightSnapshots(PortalDbContext db, OversightCounts counts, OversightSnapshots.Latest latest)
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>The latest figures; counted now when none have been yet.</summary>
    public async Task<OversightFigures> LatestAsync(CancellationToken cancellationToken = default)
    {
        var id = await db.OversightSnapshots.AsNoTracking().OrderByDescending(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return await RefreshAsync(cancellationToken);
        }

        if (latest.Get(id.Value) is { } figures)
        {
            return figures;
        }

        var json = await db.OversightSnapshots.AsNoTracking().Where(s => s.Id == id).Select(s => s.Figures).SingleAsync(cancellationToken);
        figures = JsonSerializer.Deserialize<OversightFigures>(json)!;
        latest.Set(id.Value, figures);
        return figures;
    }

    /// <summary>Counts the figures now and keeps them as the latest snapshot.</summary>
    public async Task<OversightFigures> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var figures = await counts.CountAsync(cancellationToken);
        var snapshot = new OversightSnapshot { TakenUtc = figures.TakenUtc, Figures = JsonSerializer.Serialize(figures) };
        db.OversightSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        latest.Set(snapshot.Id, figures);
        var before = figures.TakenUtc - Kept;
        await db.OversightSnapshots.Where(s => s.TakenUtc < before).ExecuteDeleteAsync(cancellationToken);
        return figures;
    }

    /// <summary>The latest snapshot this node has read, by id: a newer one in the database is read once, then kept.</summary>
    public sealed class Latest
    {
        private volatile Held? held;

        public OversightFigures? Get(int id) => held is { } h && h.Id == id ? h.Figures : null;

        public void Set(int id, OversightFigures figures)
        {
            if (held is not { } h || h.Id <= id)
            {
                held = new Held(id, figures);
            }
        }

        private sealed record Held(int Id, OversightFigures Figures);
    }
}
