using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// Every notice, newest first, a page at a time, with where each has got to. A finished campaign shows the count it
/// kept when it finished; only the page's unfinished ones are counted from their rows.
/// </summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(int Id, string Subject, CampaignStatus Status, AudienceKind Audience, int? Recipients, int Sent, DateTime CreatedUtc, DateTime? StartedUtc);

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int CurrentPage { get; private set; } = 1;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Total = await db.NoticeCampaigns.CountAsync(cancellationToken);
        CurrentPage = Math.Clamp(page ?? 1, 1, Pages);
        var sent = db.Deliveries.AsNoTracking();
        Campaigns = await db.NoticeCampaigns.AsNoTracking().OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Skip((CurrentPage - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Subject, c.Status, c.Audience, c.RecipientCount,
                c.SentCount ?? sent.Count(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Sent), c.CreatedUtc, c.StartedUtc))
            .ToListAsync(cancellationToken);
    }
}
