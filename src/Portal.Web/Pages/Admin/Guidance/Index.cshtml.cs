using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Admin.Guidance;

/// <summary>Every article: published, draft, or published with a newer draft waiting; and when each was last reviewed.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(int Id, string Title, string Slug, GuidanceStatus Status, DateOnly LastReviewedOn, bool NewerDraft);

    public IReadOnlyList<Row> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var versions = db.GuidanceVersions.AsNoTracking();
        Articles = await db.GuidanceArticles.AsNoTracking().OrderBy(a => a.DisplayOrder).ThenBy(a => a.Title)
            .Select(a => new Row(a.Id,
                versions.Where(v => v.ArticleId == a.Id).OrderByDescending(v => v.Number).Select(v => v.Title).FirstOrDefault() ?? a.Title,
                a.Slug, a.Status, a.LastReviewedOn,
                versions.Where(v => v.ArticleId == a.Id).OrderByDescending(v => v.Number).Select(v => !v.Published).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
