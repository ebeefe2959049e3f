using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Texts;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Contact;

/// <summary>The code texted to the number: right, it confirms the number; wrong, expired or tried too often, it says so and what to do.</summary>
[NeedsPersonRecord]
public sealed class ConfirmModel(CurrentPerson currentPerson, MobileNumbers mobiles) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = ["Code"];

    [BindProperty]
    public string? Code { get; set; }

    public MobileStatus Status { get; private set; } = new(null, null, false, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await mobiles.GetAsync(currentPerson.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mobiles.ConfirmAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), currentPerson.Id, Code, cancellationToken);
            TempData["ContactFlash"] = "Your mobile number is confirmed. We will text you only when there is news for you that you have not seen.";
            return RedirectToPage("/Me/Contact/Index");
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "Code", field => field);
            Status = await mobiles.GetAsync(currentPerson.Id, cancellationToken);
            return Page();
        }
    }
}
