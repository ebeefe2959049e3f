using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Claims;

/// <summary>One claim, for the assessors: who made it, on which scheme, for how much, on what declaration or receipts. Every view is audited.</summary>
[NeedsPersonRecord]
public sealed class ClaimModel(PortalDbContext db, CurrentPerson currentPerson, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    public ProtectionClaim Claim { get; private set; } = null!;
    public ProtectionScheme Scheme { get; private set; } = null!;
    public (string Name, string PayNumber, string Rank, string Unit) Claimant { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ClaimReference.TryParse(Reference, out var id)
            || await db.ProtectionClaims.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } claim)
        {
            return NotFound();
        }

        Claim = claim;
        Reference = claim.Reference;
        Scheme = await db.ProtectionSchemes.AsNoTracking().SingleAsync(s => s.Id == claim.SchemeId, cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.Id == claim.PersonId)
            .Select(p => new { Name = p.GivenName + " " + p.FamilyName, p.PayNumber, p.RankOrGrade, p.Unit }).SingleAsync(cancellationToken);
        Claimant = (person.Name, person.PayNumber, person.RankOrGrade, person.Unit);
        await audit.RecordAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), AuditActions.ClaimViewed, claim.PersonId, claim.Reference, cancellationToken: cancellationToken);
        return Page();
    }
}
