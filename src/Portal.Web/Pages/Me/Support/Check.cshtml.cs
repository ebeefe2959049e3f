using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Support;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me.Support;

/// <summary>Check your answers, then send. Sending twice (a double click, the back button) makes one request.</summary>
[NeedsPersonRecord]
public sealed class CheckModel(CurrentPerson currentPerson, SupportRequests requests) : PageModel
{
    public SupportRequestInput Answers { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (SupportRequestInput.FromJson(TempData.Peek(SupportRequestInput.DraftKey)) is not { } draft || draft.Validate().Count > 0)
        {
            return RedirectToPage("/Me/Support/New");
        }

        Answers = draft;
        return Page();
    }

    [RateLimited(RateLimits.SupportRequests)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        // A second send of the same form (double click, back button) returns the request the first one made.
        if (SupportRequestInput.FromJson(TempData[SupportRequestInput.DraftKey]) is not { } draft)
        {
            return RedirectToPage("/Me/Support/Index");
        }

        if (draft.Validate().Count > 0)
        {
            TempData[SupportRequestInput.DraftKey] = draft.ToJson();
            return RedirectToPage("/Me/Support/New");
        }

        var request = await requests.CreateAsync(personId, draft.ToRequest(), cancellationToken);
        return RedirectToPage("/Me/Support/Confirmation", new { reference = request.Reference });
    }
}
