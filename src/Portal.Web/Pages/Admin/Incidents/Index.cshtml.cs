using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Incidents;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>Every incident, most recently discovered first, with how many people were in it.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(int Id, string Reference, string Title, IncidentStatus Status, DateOnly DiscoveredOn, int People, int Updates);

    public IReadOnlyList<Row> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Incidents = await db.Incidents.AsNoTracking().OrderByDescending(i => i.DiscoveredOn).ThenByDescending(i => i.Id).WithPeople(db)
            .Select(x => new Row(x.Incident.Id, x.Incident.Reference, x.Incident.Title, x.Incident.Status, x.Incident.DiscoveredOn, x.People,
                db.IncidentUpdates.Count(u => u.IncidentId == x.Incident.Id)))
            .ToListAsync(cancellationToken);

    public static string TagClass(IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => "govuk-tag--yellow",
        IncidentStatus.Confirmed => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}
