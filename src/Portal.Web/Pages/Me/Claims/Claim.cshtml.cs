using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Claims;

/// <summary>One of my claims: where it has got to, what was approved and why, its items and receipts, and its messages. Another person's claim is simply not found.</summary>
[NeedsPersonRecord]
public sealed class ClaimModel(PortalDbContext db, CurrentPerson currentPerson, ClaimAssessments assessments, ReceiptStore receipts) : PageModel
{
    public const string FlashKey = "ClaimFlash";

    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    public ProtectionClaim Claim { get; private set; } = null!;
    public string SchemeName { get; private set; } = "";
    public IReadOnlyList<ClaimMessage> Messages { get; private set; } = [];
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Flash = TempData[FlashKey] as string;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>One of the claim's receipts, to the claimant only.</summary>
    public async Task<IActionResult> OnGetReceiptAsync(int item, CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) && Claim.Items.SingleOrDefault(i => i.Id == item) is { } found
            ? ReceiptDownload.Serve(this, receipts, Claim, found)
            : NotFound();

    [RateLimited(RateLimits.Messages)]
    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await assessments.ReplyAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), currentPerson.Id, Claim.Id, Reply, cancellationToken);
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, nameof(Reply), _ => nameof(Reply));
            return Page();
        }

        TempData[FlashKey] = "Your message has been sent";
        return RedirectToPage(new { reference = Claim.Reference });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        if (!ClaimReference.TryParse(Reference, out var id)
            || await db.ProtectionClaims.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == id && c.PersonId == personId, cancellationToken) is not { } claim)
        {
            return false;
        }

        Claim = claim;
        Reference = claim.Reference;
        SchemeName = await db.ProtectionSchemes.Where(s => s.Id == claim.SchemeId).Select(s => s.Name).SingleAsync(cancellationToken);
        Messages = await db.ClaimMessages.AsNoTracking().Where(m => m.ClaimId == claim.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return true;
    }
}
