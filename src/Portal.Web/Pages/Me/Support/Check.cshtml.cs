using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Notices;
using Portal.Core.Support;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me.Support;

/// <summary>Check your answers, then send. Sending twice (a double click, the back button) makes one request.</summary>
[NeedsPersonRecord]
public sealed class CheckModel(CurrentPerson currentPerson, SupportRequests requests, MyNotices notices) : PageModel
{
    public SupportRequestInput Answers { get; private set; } = new();

    /// <summary>The subject of the notice the request answers, if it answers one.</summary>
    public string? NoticeSubject { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (SupportRequestInput.FromJson(TempData.Peek(SupportRequestInput.DraftKey)) is not { } draft || draft.Validate().Count > 0)
        {
            return RedirectToPage("/Me/Support/New");
        }

        Answers = draft;
        if (draft.CampaignId is { } campaignId)
        {
            NoticeSubject = (await notices.GetAsync(currentPerson.Id, campaignId, cancellationToken))?.Subject;
        }

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
