using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Outreach;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>Everyone the incident exposed who has not confirmed any notice about it, by unit and work location; audited, as it names them.</summary>
public sealed class UnconfirmedModel(PortalDbContext db, Administrators administrators, Unconfirmed unconfirmed) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    [FromQuery(Name = "location")]
    public string? WorkLocation { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string Title { get; private set; } = string.Empty;

    public UnconfirmedView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await db.Incidents.AsNoTracking().Where(i => i.Id == Id).Select(i => i.Reference + ": " + i.Title).SingleOrDefaultAsync(cancellationToken) is not { } title)
        {
            return NotFound();
        }

        Title = title;
        var admin = await administrators.GetAsync(cancellationToken);
        View = await UnconfirmedView.LoadAsync(unconfirmed, admin.Actor, OutreachScope.Incident(Id), "/Admin/Incidents/Unconfirmed", Unit, WorkLocation, PageNumber, cancellationToken);
        return Page();
    }
}
