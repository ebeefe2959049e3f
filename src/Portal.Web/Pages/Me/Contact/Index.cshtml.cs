using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Texts;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Contact;

/// <summary>
/// "Your mobile number": a person chooses to register their own mobile for texts from the portal, confirms it with a
/// code texted to it, and can remove it at any time. Only ever shown masked.
/// </summary>
[NeedsPersonRecord]
public sealed class IndexModel(CurrentPerson currentPerson, MobileNumbers mobiles) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = ["Number"];

    [BindProperty]
    public string? Number { get; set; }

    public MobileStatus Status { get; private set; } = new(null, null, false, null);

    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await mobiles.GetAsync(currentPerson.Id, cancellationToken);
        Flash = TempData["ContactFlash"] as string;
        return Page();
    }

    /// <summary>Texts a code to the number typed, then asks for it.</summary>
    [RateLimited(RateLimits.SupportRequests)]
    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mobiles.SendCodeAsync(currentPerson.Id, Number, cancellationToken);
            return RedirectToPage("/Me/Contact/Confirm");
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "Number", field => field);
            Status = await mobiles.GetAsync(currentPerson.Id, cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        await mobiles.RemoveAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), currentPerson.Id, cancellationToken);
        TempData["ContactFlash"] = "Your mobile number is removed. The portal will not text you.";
        return RedirectToPage();
    }
}
