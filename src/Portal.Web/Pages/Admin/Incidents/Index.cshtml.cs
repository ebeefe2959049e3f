using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>Every incident, most recently discovered first, with how many people were in it.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(int Id, string Reference, string Title, IncidentStatus Status, DateOnly DiscoveredOn, int People, int Updates);

    public IReadOnlyList<Row> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Incidents = await db.Incidents.AsNoTracking().OrderByDescending(i => i.DiscoveredOn).ThenByDescending(i => i.Id)
            .Select(i => new Row(i.Id, i.Reference, i.Title, i.Status, i.DiscoveredOn,
                // As IncidentPeople counts them: what the manifest import recorded, rather than reading every exposure.
                i.ManifestRows != null ? i.ManifestRows.Value - (i.ManifestUnmatched ?? 0) : db.Exposures.Count(e => e.IncidentId == i.Id),
                db.IncidentUpdates.Count(u => u.IncidentId == i.Id)))
            .ToListAsync(cancellationToken);

    public static string TagClass(IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => "govuk-tag--yellow",
        IncidentStatus.Confirmed => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}
