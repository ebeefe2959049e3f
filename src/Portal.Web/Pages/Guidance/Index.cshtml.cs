using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;

namespace Portal.Web.Pages.Guidance;

/// <summary>The guidance library: every published article, or those matching a search.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public const int MaxQueryLength = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(MaxQueryLength, ErrorMessage = "Enter 100 characters or fewer to search guidance")]
    public string? Query { get; set; }

    public IReadOnlyList<ArticleSummary> Articles { get; private set; } = [];

    public bool Searched => !string.IsNullOrWhiteSpace(Query) && ModelState.IsValid;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var published = await db.GuidanceArticles.AsNoTracking()
            .Where(a => a.Status == GuidanceStatus.Published)
            .OrderBy(a => a.DisplayOrder)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.BodyMarkdown, a.LastReviewedOn })
            .ToListAsync(cancellationToken);

        // A few dozen articles: searching them in memory matches any language's letters the same way on every database.
        var terms = Searched ? Query!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        Articles = [.. published
            .Where(a => terms.All(term => $"{a.Title} {a.Summary} {MarkdownRenderer.ToPlainText(a.BodyMarkdown)}".Contains(term, StringComparison.CurrentCultureIgnoreCase)))
            .Select(a => new ArticleSummary(a.Slug, a.Title, a.Summary, a.LastReviewedOn))];
    }
}

public sealed record ArticleSummary(string Slug, string Title, string Summary, DateOnly LastReviewedOn);
