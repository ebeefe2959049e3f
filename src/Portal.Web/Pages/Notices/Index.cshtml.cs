using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Notices;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Notices;

/// <summary>The notices sent to the signed-in person, newest first, and whether they have read each.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(CurrentPerson currentPerson, MyNotices notices) : PageModel
{
    public IReadOnlyList<MyNotice> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        Notices = await notices.ListAsync(personId, cancellationToken);
        return Page();
    }
}
