using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me.Support;

public sealed class ConfirmationModel(PortalDbContext db, CurrentPerson currentPerson, AccessRefusals refusals) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    public DateTime? NextUpdateDueUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await currentPerson.GetIdAsync(cancellationToken) is not { } personId || !SupportReference.TryParse(Reference, out var id))
        {
            return NotFound();
        }

        var request = await db.SupportRequests.AsNoTracking().Where(r => r.Id == id && r.PersonId == personId)
            .Select(r => new { r.NextUpdateDueUtc }).SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            await refusals.SupportRequestAsync(id, cancellationToken);
            return NotFound();
        }

        Reference = SupportReference.Format(id);
        NextUpdateDueUtc = request.NextUpdateDueUtc;
        return Page();
    }
}
