using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Claims;

/// <summary>
/// One claim, for the assessors: who made it, on which scheme, for how much, on what declaration or receipts, and
/// any evidence that appears in another claim, side by side. Here it is taken, approved (by two different people),
/// refused and written about. Every view, receipt opened and decision is audited.
/// </summary>
[NeedsPersonRecord]
public sealed class ClaimModel(PortalDbContext db, CurrentPerson currentPerson, AuditLog audit, ClaimAssessments assessments, ClaimDuplicates duplicates, ReceiptStore receipts)
    : PageModel, IHasErrorOrder
{
    public const string FlashKey = "ClaimsFlash";

    public IReadOnlyList<string> ErrorOrder { get; } = [FieldProblem.Conflict, "Amount", "Reason", "approve", "RefuseReason", "refuse", "assign", "Message"];

    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? RefuseReason { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public ProtectionClaim Claim { get; private set; } = null!;
    public ProtectionScheme Scheme { get; private set; } = null!;
    public (string Name, string PayNumber, string Rank, string Unit) Claimant { get; private set; }
    public IReadOnlyList<ClaimDuplicate> Duplicates { get; private set; } = [];
    public IReadOnlyList<ClaimMessage> Messages { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();
    public string? Flash { get; private set; }
    public int Me => currentPerson.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Flash = TempData[FlashKey] as string;
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(Actor, AuditActions.ClaimViewed, Claim.PersonId, Claim.Reference, cancellationToken: cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetReceiptAsync(int item, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Claim.Items.SingleOrDefault(i => i.Id == item) is not { } found)
        {
            return NotFound();
        }

        await audit.RecordAsync(Actor, AuditActions.ClaimReceiptViewed, Claim.PersonId, Claim.Reference, $"item {found.Id}", cancellationToken);
        return ReceiptDownload.Serve(this, receipts, Claim, found);
    }

    public Task<IActionResult> OnPostTakeAsync(CancellationToken cancellationToken) =>
        ActAsync(id => assessments.AssignAsync(Actor, id, Version, toMe: true, cancellationToken), "assign", "You are working on this claim", cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken cancellationToken) =>
        ActAsync(id => assessments.AssignAsync(Actor, id, Version, toMe: false, cancellationToken), "assign", "The claim is back in the queue for anyone", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        ActAsync(async id =>
        {
            var status = await assessments.ApproveAsync(Actor, id, Version, Amount, Reason, cancellationToken);
            TempData[FlashKey] = status == ClaimStatus.CheckedOnce
                ? "Approved once. A second, different assessor must approve it before it is paid"
                : "Approved by two people. It goes in the next payment file";
        }, "approve", null, cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(CancellationToken cancellationToken) =>
        ActAsync(id => assessments.RefuseAsync(Actor, id, Version, RefuseReason, cancellationToken), "refuse", "The claim is refused. The claimant can read why", cancellationToken);

    [RateLimited(RateLimits.Messages)]
    public Task<IActionResult> OnPostWriteAsync(CancellationToken cancellationToken) =>
        ActAsync(id => assessments.WriteAsync(Actor, id, Message, cancellationToken), "Message", "Your message has been sent to the claimant", cancellationToken);

    private Actor Actor => WelfareUsers.ActorOf(HttpContext, currentPerson.Id);

    private async Task<IActionResult> ActAsync(Func<int, Task> act, string actionKey, string? flash, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await act(Claim.Id);
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, actionKey);
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (flash is not null)
        {
            TempData[FlashKey] = flash;
        }

        return RedirectToPage(new { reference = Claim.Reference });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!ClaimReference.TryParse(Reference, out var id)
            || await db.ProtectionClaims.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } claim)
        {
            return false;
        }

        Claim = claim;
        Reference = claim.Reference;
        Scheme = await db.ProtectionSchemes.AsNoTracking().SingleAsync(s => s.Id == claim.SchemeId, cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.Id == claim.PersonId)
            .Select(p => new { Name = p.GivenName + " " + p.FamilyName, p.PayNumber, p.RankOrGrade, p.Unit }).SingleAsync(cancellationToken);
        Claimant = (person.Name, person.PayNumber, person.RankOrGrade, person.Unit);
        Duplicates = await duplicates.FindAsync(claim.Id, cancellationToken);
        Messages = await db.ClaimMessages.AsNoTracking().Where(m => m.ClaimId == claim.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        int?[] who = [claim.AssignedToPersonId, claim.FirstApproverPersonId, claim.SecondApproverPersonId, .. Messages.Select(m => m.FromPersonId)];
        var ids = who.OfType<int>().Distinct().ToList();
        Names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, cancellationToken);
        return true;
    }

    public string NameOf(int? personId) => personId is { } id && Names.TryGetValue(id, out var name) ? (id == currentPerson.Id ? $"{name} (you)" : name) : "—";
}
