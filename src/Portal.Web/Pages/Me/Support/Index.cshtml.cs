using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Me.Support;

/// <summary>My requests: only the signed-in person's own, newest first.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(PortalDbContext db, CurrentPerson currentPerson) : PageModel
{
    public IReadOnlyList<MyRequestRow> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        var rows = await db.SupportRequests.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.CreatedUtc)
            .Select(r => new { r.Id, r.Type, r.Status, r.CreatedUtc, r.NextUpdateDueUtc, Messages = db.SupportMessages.Count(m => m.SupportRequestId == r.Id) })
            .ToListAsync(cancellationToken);
        Requests = [.. rows.Select(r => new MyRequestRow(SupportReference.Format(r.Id), r.Type, r.Status, r.CreatedUtc, r.NextUpdateDueUtc, r.Messages))];
        return Page();
    }
}

public sealed record MyRequestRow(string Reference, SupportRequestType Type, SupportRequestStatus Status, DateTime CreatedUtc, DateTime? NextUpdateDueUtc, int Messages);
