using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// What the pages about one campaign share: its summary at the top (<c>_CampaignHeader</c>), the version its forms
/// carry, and how an action on it ends — back to the campaign with what happened, or this page again with each
/// problem at its place.
/// </summary>
public abstract class CampaignPageModel(CampaignSummaries summaries, Administrators administrators) : PageModel, IHasErrorOrder
{
    private const string FlashKey = "CampaignFlash";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public CampaignSummary Summary { get; private set; } = null!;
    public NoticeCampaign Campaign => Summary.Campaign;
    public string? Flash { get; private set; }

    public abstract IReadOnlyList<string> ErrorOrder { get; }

    protected Administrators Administrators => administrators;

    protected Task<bool> CampaignExistsAsync(CancellationToken cancellationToken) => summaries.ExistsAsync(Id, cancellationToken);

    /// <summary>The page, with what the last action did; not found for a campaign that does not exist.</summary>
    protected async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Flash = TempData[FlashKey] as string;
        return Page();
    }

    /// <summary>
    /// Runs an action on the campaign as the signed-in administrator. Done, it goes to <paramref name="thenPage"/> (the
    /// campaign's overview unless given) with what happened; refused, this page comes back with each problem at its
    /// place: those about the campaign as a whole (its version, its schedule, its audience) at theirs, the rest at
    /// <paramref name="field"/>.
    /// </summary>
    protected Task<IActionResult> ActAsync(string field, Func<Administrator, Task<string>> action, string thenPage = "Campaign") =>
        ActAsync(field, async admin => (await action(admin), Id), thenPage);

    /// <summary>As the other <c>ActAsync</c>, for an action that ends on another campaign's page (one it made).</summary>
    protected async Task<IActionResult> ActAsync(string field, Func<Administrator, Task<(string Flash, int CampaignId)>> action, string thenPage = "Campaign")
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!await CampaignExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        int then;
        try
        {
            (var flash, then) = await action(await administrators.GetAsync(cancellationToken));
            TempData[FlashKey] = flash;
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, field, problemField => problemField switch
            {
                "ScheduledFor" => "Schedule",
                "Audience" => "Audience",
                _ => field,
            });

            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(thenPage, new { id = then });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await summaries.FindAsync(Id, cancellationToken) is not { } summary)
        {
            return false;
        }

        Summary = summary;
        Version = summary.Campaign.Version;
        await LoadPageAsync(await administrators.GetAsync(cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>What this page shows beyond the summary.</summary>
    protected abstract Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken);
}
