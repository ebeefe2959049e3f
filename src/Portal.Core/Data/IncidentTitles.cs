using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

public static class IncidentTitles
{
    /// <summary>The title of the incident a notice is about, as its <c>((incident_title))</c> shows it; null for none.</summary>
    public static async Task<string?> IncidentTitleAsync(this PortalDbContext db, int? incidentId, CancellationToken cancellationToken) =>
        incidentId is { } id ? await db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken) : null;
}
