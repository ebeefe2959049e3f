using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Notices;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Notices;

/// <summary>
/// A notice, as its recipient reads it, with "I have read this". Whose notices are shown is decided by the sign-in
/// alone: a notice that was not sent to this person is not found.
/// </summary>
[NeedsPersonRecord]
public sealed class NoticeModel(CurrentPerson currentPerson, MyNotices notices, AccessRefusals refusals) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public MyNotice Notice { get; private set; } = null!;
    public bool JustAcknowledged { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        if (await notices.GetAsync(personId, Id, cancellationToken) is not { } notice)
        {
            await refusals.NoticeAsync(Id, cancellationToken);
            return NotFound();
        }

        Notice = notice;
        JustAcknowledged = TempData["NoticeRead"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        if (!await notices.AcknowledgeAsync(personId, Id, cancellationToken))
        {
            await refusals.NoticeAsync(Id, cancellationToken);
            return NotFound();
        }

        TempData["NoticeRead"] = true;
        return RedirectToPage(new { id = Id });
    }
}
