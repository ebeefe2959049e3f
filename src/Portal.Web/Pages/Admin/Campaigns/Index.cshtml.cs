using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>Every notice, newest first, with where each has got to.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(int Id, string Subject, CampaignStatus Status, AudienceKind Audience, int? Recipients, int Sent, DateTime CreatedUtc, DateTime? StartedUtc);

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var sent = db.Deliveries.AsNoTracking();
        Campaigns = await db.NoticeCampaigns.AsNoTracking().OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.Id, c.Subject, c.Status, c.Audience, c.RecipientCount,
                sent.Count(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Sent), c.CreatedUtc, c.StartedUtc))
            .ToListAsync(cancellationToken);
    }
}
