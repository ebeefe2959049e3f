using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Support;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Notices;

/// <summary>
/// "I have seen something suspicious", answering a notice: a short report that becomes a support request of its own
/// type, at least High priority. Only a notice sent to this person can be answered; sending the form twice makes one report.
/// </summary>
[NeedsPersonRecord]
public sealed class SuspiciousModel(CurrentPerson currentPerson, MyNotices notices, SupportRequests requests, AccessRefusals refusals) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [nameof(Description), nameof(StatedUrgency), nameof(ConsentToShare)];

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public StatedUrgency? StatedUrgency { get; set; }

    [BindProperty]
    public bool ConsentToShare { get; set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public MyNotice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await FindNoticeAsync(cancellationToken))
        {
            return NotFound();
        }

        SubmissionKey = Guid.NewGuid();
        return Page();
    }

    [RateLimited(RateLimits.SupportRequests)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await FindNoticeAsync(cancellationToken))
        {
            return NotFound();
        }

        // An unknown option is the same plain message as none chosen.
        ModelState.Clear();
        if (StatedUrgency is null)
        {
            ModelState.AddModelError(nameof(StatedUrgency), "Select how soon you need us to act");
        }

        var report = new NewSupportRequest(SupportRequestType.SuspiciousReport, StatedUrgency ?? Portal.Core.Domain.StatedUrgency.NoRush, Description ?? "",
            ContactMethod.Portal, null, ConsentToShare, SubmissionKey == Guid.Empty ? Guid.NewGuid() : SubmissionKey, Id);
        foreach (var problem in SupportRequests.Check(report))
        {
            ModelState.AddModelError(problem.Field, problem.Field == nameof(NewSupportRequest.Description) && string.IsNullOrWhiteSpace(Description)
                ? "Tell us what you saw" : problem.Message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var request = await requests.CreateAsync(currentPerson.Id, report, cancellationToken);
            return RedirectToPage("/Me/Support/Confirmation", new { reference = request.Reference });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, nameof(Description), field => field);
            return Page();
        }
    }

    private async Task<bool> FindNoticeAsync(CancellationToken cancellationToken)
    {
        if (await notices.GetAsync(currentPerson.Id, Id, cancellationToken) is not { } notice)
        {
            await refusals.NoticeAsync(Id, cancellationToken);
            return false;
        }

        Notice = notice;
        return true;
    }
}
