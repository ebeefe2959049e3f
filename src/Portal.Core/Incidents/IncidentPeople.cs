using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Incidents;

/// <summary>An incident and how many people it exposed (see <see cref="IncidentPeople"/>).</summary>
public sealed class IncidentWithPeople
{
    // Set by name, not by a constructor, so that EF Core can go on composing the query over it.
    public required Incident Incident { get; init; }
    public int People { get; init; }
}

/// <summary>
/// How many people an incident exposed: what its last manifest import recorded (its rows less those matching no one),
/// which is the number of exposures it left; counted from the exposures only for an incident no manifest import has
/// written. Exposures are keyed by person first, so counting one incident's reads the whole table.
/// </summary>
public static class IncidentPeople
{
    public static IQueryable<IncidentWithPeople> WithPeople(this IQueryable<Incident> incidents, PortalDbContext db) =>
        incidents.Select(i => new IncidentWithPeople
        {
            Incident = i,
            People = i.ManifestRows != null ? i.ManifestRows.Value - (i.ManifestUnmatched ?? 0) : db.Exposures.Count(e => e.IncidentId == i.Id),
        });

    public static Task<int> CountAsync(PortalDbContext db, int incidentId, CancellationToken cancellationToken = default) =>
        db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).WithPeople(db).Select(x => x.People).SingleOrDefaultAsync(cancellationToken);
}
