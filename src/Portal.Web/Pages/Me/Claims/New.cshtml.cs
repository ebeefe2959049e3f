using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Claims;

/// <summary>
/// Claiming a flat payment: the scheme and its declaration, then "Check your answers", then the claim with its
/// reference. The form carries a submission key, so sending it twice makes one claim.
/// </summary>
[NeedsPersonRecord]
public sealed class NewModel(CurrentPerson currentPerson, ClaimSchemes schemes, ProtectionClaims claims) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [nameof(Declared), "claim"];

    [BindProperty(SupportsGet = true)]
    public int SchemeId { get; set; }

    [BindProperty]
    public bool Declared { get; set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public ProtectionScheme Scheme { get; private set; } = null!;

    /// <summary>True on "Check your answers".</summary>
    public bool Checking { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        SubmissionKey = Guid.NewGuid();
        return await LoadAsync(cancellationToken) ?? Page();
    }

    /// <summary>The declaration, checked, then "Check your answers".</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!Declared)
        {
            ModelState.AddModelError(nameof(Declared), ProtectionClaims.DeclarationMissing);
            return Page();
        }

        Checking = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var claim = await claims.ClaimFlatAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), currentPerson.Id, SchemeId, Declared, SubmissionKey, cancellationToken);
            return RedirectToPage("/Me/Claims/Index", new { made = claim.Reference });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "claim");
            return Page();
        }
    }

    /// <summary>The scheme, if it is open to the person; otherwise not found, as a scheme that does not exist.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await schemes.FindAsync(SchemeId, cancellationToken) is not { } scheme || !schemes.IsOpen(scheme) || !await schemes.IsEligibleAsync(scheme, currentPerson.Id, cancellationToken))
        {
            return NotFound();
        }

        if (scheme.Kind == SchemeKind.Reimbursement)
        {
            return RedirectToPage("/Me/Claims/Items", new { schemeId = scheme.Id });
        }

        Scheme = scheme;
        return null;
    }
}
