using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Outreach;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>One batch of the ladder's letters as a PDF to print, a letter a page. Audited: it names people.</summary>
public sealed class LettersModel(Letters letters, Administrators administrators) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int Batch { get; set; }

    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        if (await letters.DownloadAsync(admin.Actor, Id, Batch, cancellationToken) is not { } pdf)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", $"campaign-{Id}-letters-{Batch}.pdf");
    }
}
