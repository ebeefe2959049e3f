using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Evidence;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me;

/// <summary>"Your statement": a PDF of what the portal holds about the signed-in person, with a code anyone can check it by.</summary>
[NeedsPersonRecord]
public sealed class StatementModel(CurrentPerson currentPerson, Statements statements) : PageModel
{
    public IActionResult OnGet() => Page();

    /// <summary>Issues a new statement, recorded and audited, and downloads it.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        if (await statements.IssueAsync(WelfareUsers.ActorOf(HttpContext, personId), personId, cancellationToken) is not { } issued)
        {
            return RedirectToPage("/Me/NoRecord");
        }

        Response.Headers.CacheControl = "no-store";
        return File(issued.Pdf, "application/pdf", $"statement-{issued.Code}.pdf");
    }
}
