using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Welfare;

/// <summary>The signed-in officer's alerts: targets about to be missed and reviews due, newest first, each linking to its request.</summary>
[NeedsPersonRecord]
public sealed class AlertsModel(PortalDbContext db, WelfareUsers welfareUsers, TimeProvider clock) : PageModel
{
    public const int Shown = 100;
    public const int Days = 7;

    public IReadOnlyList<WelfareAlert> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-Days);
        Alerts = await db.WelfareAlerts.AsNoTracking().Where(a => a.PersonId == me.PersonId && a.CreatedUtc >= since)
            .OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
    }
}
