using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Pages.Admin;

/// <summary>The incidents an administrator chooses from (for a manifest, a notice's subject or audience), newest first, each as "reference: title".</summary>
public static class IncidentChoices
{
    public static async Task<IReadOnlyList<(int Id, string Label)>> ListAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        (await db.Incidents.AsNoTracking().OrderByDescending(i => i.DiscoveredOn).Select(i => new { i.Id, i.Reference, i.Title }).ToListAsync(cancellationToken))
            .Select(i => (i.Id, $"{i.Reference}: {i.Title}")).ToList();
}
