using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Incidents;

/// <summary>
/// How many people an incident exposed: what its last manifest import recorded (its rows less those matching no one),
/// which is the number of exposures it left; counted from the exposures only for an incident no manifest import has
/// written. Exposures are keyed by person first, so counting one incident's reads the whole table.
/// </summary>
public static class IncidentPeople
{
    public static Task<int> CountAsync(PortalDbContext db, int incidentId, CancellationToken cancellationToken = default) =>
        db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
            .Select(i => i.ManifestRows != null ? i.ManifestRows.Value - (i.ManifestUnmatched ?? 0) : db.Exposures.Count(e => e.IncidentId == i.Id))
            .SingleOrDefaultAsync(cancellationToken);
}
