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
    public const int Shown = 90;

    public IReadOnlyList<BoardPackListing> Packs { get; private set; } = [];
    public OversightOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Packs = await packs.ListAsync(Shown, cancellationToken);

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
