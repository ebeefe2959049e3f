using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Me;

/// <summary>For a signed-in person the portal cannot match to a personnel record: say so, and whom to contact.</summary>
public sealed class NoRecordModel(CurrentPerson currentPerson) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await currentPerson.GetIdAsync(cancellationToken) is null ? Page() : RedirectToPage("/Me/Index");
}
