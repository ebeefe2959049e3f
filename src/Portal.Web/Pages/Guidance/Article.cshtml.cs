using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;

namespace Portal.Web.Pages.Guidance;

/// <summary>One published guidance article, rendered from Markdown and sanitised.</summary>
public sealed class ArticleModel(PortalDbContext db, MarkdownRenderer renderer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public required string Slug { get; set; }

    public ArticleView Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var article = await db.GuidanceArticles.AsNoTracking()
            .Where(a => a.Slug == Slug && a.Status == GuidanceStatus.Published)
            .Select(a => new { a.Title, a.Summary, a.BodyMarkdown, a.LastReviewedOn, a.Fields, a.ForRoles })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = new ArticleView(article.Title, article.Summary, renderer.ToHtml(article.BodyMarkdown), article.LastReviewedOn,
            [.. DataFieldCatalogue.In(article.Fields).Select(f => f.Name)], article.ForRoles);
        return Page();
    }
}

public sealed record ArticleView(string Title, string Summary, string BodyHtml, DateOnly LastReviewedOn, IReadOnlyList<string> Fields, IReadOnlyList<SensitiveRole> ForRoles);
