using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Oversight;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Oversight;

/// <summary>The daily board packs, newest first: each a PDF and a CSV of the same figures. Each download is audited.</summary>
public sealed class PacksModel(BoardPacks packs, CurrentPerson currentPerson, IOptions<OversightOptions> options) : PageModel
{
    /// <summary>A page holds a month of packs.</summary>
    public const int PageSize = 31;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int Pages { get; private set; } = 1;
    public IReadOnlyList<BoardPackListing> Packs { get; private set; } = [];
    public OversightOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // An unreadable page number is the first page.
        ModelState.Clear();
        Pages = Math.Max(1, (await packs.CountAsync(cancellationToken) + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Packs = await packs.ListAsync((PageNumber - 1) * PageSize, PageSize, cancellationToken);
    }

    [RateLimited(RateLimits.Exports)]
    public Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken) => DownloadAsync(id, pdf: true, cancellationToken);

    [RateLimited(RateLimits.Exports)]
    public Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken) => DownloadAsync(id, pdf: false, cancellationToken);

    private async Task<IActionResult> DownloadAsync(int id, bool pdf, CancellationToken cancellationToken)
    {
        var actor = WelfareUsers.ActorOf(HttpContext, await currentPerson.GetIdAsync(cancellationToken));
        if (await packs.DownloadAsync(actor, id, pdf, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
