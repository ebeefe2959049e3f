using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Data.Configurations;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Guidance;

/// <summary>
/// Writing guidance: every save is a new version (the history), and publishing makes a version what staff read.
/// A new article is hidden until it is first published; a published one keeps showing its last published version
/// while its next draft is worked on. Every save and publication is audited.
/// </summary>
public sealed partial class GuidanceAdmin(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public static string Target(int id) => $"guidance/{id}";

    /// <summary>
    /// What is too long or too deeply nested in a draft, and only that: what a preview checks, so that the author hears
    /// it before saving. Saving and publishing check everything.
    /// </summary>
    public static IReadOnlyList<FieldProblem> PreviewProblems(GuidanceDraft draft)
    {
        var problems = new List<FieldProblem>();
        foreach (var (field, value, most, name) in new[]
        {
            ("Title", draft.Title, TitleLength, "title"),
            ("Slug", draft.Slug, GuidanceArticleConfiguration.SlugLength, "address"),
            ("Summary", draft.Summary, SummaryLength, "summary"),
            ("Body", draft.Body, GuidanceArticleConfiguration.BodyLength, "article"),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                FieldChecks.Text(problems, field, value, most, "", name);
            }
        }

        if (problems.All(p => p.Field != "Body") && NestingProblem(draft.Body) is { } nesting)
        {
            problems.Add(nesting);
        }

        return problems;
    }

    /// <summary>A problem when the article's quotes and lists nest deeper than <see cref="MarkdownRenderer.MaxNesting"/>.</summary>
    public static FieldProblem? NestingProblem(string? body) =>
        body is { Length: > 0 } && MarkdownRenderer.NestingDepth(body) > MarkdownRenderer.MaxNesting
            ? new("Body", $"The article's quotes and lists are nested too deeply: at most {MarkdownRenderer.MaxNesting} levels (each list, its item and each quote count one). Take out some of the '>' or indented list markers.")
            : null;

    private const int TitleLength = 200;
    private const int SummaryLength = 500;

    /// <summary>Saves the draft as the article's next version (creating the article if new) and returns its id.</summary>
    /// <exception cref="RefusedException">The draft has problems, or there is no such article; nothing was saved.</exception>
    public Task<int> SaveDraftAsync(Actor actor, int? articleId, GuidanceDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, articleId, draft, publish: false, cancellationToken);

    /// <summary>Saves the draft as the next version and publishes it: staff read it from now on.</summary>
    /// <exception cref="RefusedException">The draft has problems, or there is no such article; nothing was saved.</exception>
    public Task<int> PublishAsync(Actor actor, int? articleId, GuidanceDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, articleId, draft, publish: true, cancellationToken);

    private async Task<int> SaveAsync(Actor actor, int? articleId, GuidanceDraft draft, bool publish, CancellationToken cancellationToken)
    {
        GuidanceArticle? article = null;
        if (articleId is { } id && (article = await db.GuidanceArticles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)) is null)
        {
            throw new RefusedException("Article", "There is no such article. Go back to the list of guidance and open it again.");
        }

        if (await CheckAsync(draft, articleId, cancellationToken) is { Count: > 0 } problems)
        {
            throw new RefusedException(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (article is null)
        {
            // Hidden (a draft) until it is first published.
            article = new GuidanceArticle { Slug = "", Title = "", Summary = "", BodyMarkdown = "", Status = GuidanceStatus.Draft, DisplayOrder = 100 };
            Apply(article, draft);
            article.UpdatedUtc = now;
            db.GuidanceArticles.Add(article);
            await db.SaveChangesAsync(cancellationToken);
        }

        var number = await db.GuidanceVersions.Where(v => v.ArticleId == article.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        var version = new GuidanceVersion
        {
            ArticleId = article.Id,
            Number = number + 1,
            Slug = Slug(draft),
            Title = draft.Title!.Trim(),
            Summary = draft.Summary!.Trim(),
            BodyMarkdown = draft.Body!,
            Fields = draft.Fields,
            ForRoles = [.. draft.ForRoles.Distinct()],
            LastReviewedOn = draft.LastReviewedOn!.Value,
            SavedUtc = now,
            SavedByPersonId = actor.PersonId,
            SavedBySubject = actor.Subject,
            Published = publish,
        };
        db.GuidanceVersions.Add(version);
        if (publish)
        {
            Apply(article, draft);
            article.Status = GuidanceStatus.Published;
            article.UpdatedUtc = now;
        }

        audit.Add(actor, publish ? AuditActions.GuidancePublished : AuditActions.GuidanceDraftSaved, null, Target(article.Id), $"version {version.Number}: {version.Title}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return article.Id;
    }

    private static string Slug(GuidanceDraft draft) => draft.Slug!.Trim().ToLowerInvariant();

    private static void Apply(GuidanceArticle article, GuidanceDraft draft)
    {
        article.Slug = Slug(draft);
        article.Title = draft.Title!.Trim();
        article.Summary = draft.Summary!.Trim();
        article.BodyMarkdown = draft.Body!;
        article.Fields = draft.Fields;
        article.ForRoles = [.. draft.ForRoles.Distinct()];
        article.LastReviewedOn = draft.LastReviewedOn!.Value;
    }

    private async Task<List<FieldProblem>> CheckAsync(GuidanceDraft draft, int? articleId, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        FieldChecks.Text(problems, "Title", draft.Title, TitleLength, "Enter a title that says what the article helps with, such as \"If your photo was held\".", "title");
        var slug = draft.Slug?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug))
        {
            problems.Add(new("Slug", "Enter the article's address: lower-case words joined by hyphens, such as if-your-photo-was-held."));
        }
        else if (!SlugShape().IsMatch(slug) || slug.Length > GuidanceArticleConfiguration.SlugLength)
        {
            problems.Add(new("Slug", $"The address may only use lower-case letters, numbers and single hyphens, at most {GuidanceArticleConfiguration.SlugLength} characters, such as if-your-photo-was-held."));
        }
        else if (await db.GuidanceArticles.AnyAsync(a => a.Slug == slug && a.Id != articleId, cancellationToken))
        {
            problems.Add(new("Slug", $"Another article already uses the address /guidance/{slug}. Choose a different one."));
        }

        FieldChecks.Text(problems, "Summary", draft.Summary, SummaryLength, "Enter a one- or two-sentence summary, shown in lists and search results.", "summary");
        FieldChecks.Text(problems, "Body", draft.Body, GuidanceArticleConfiguration.BodyLength, "Enter the article, in Markdown.", "article");
        if (NestingProblem(draft.Body) is { } nesting)
        {
            problems.Add(nesting);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (draft.LastReviewedOn is not { } reviewed)
        {
            problems.Add(new("LastReviewedOn", "Enter the date the article was last reviewed, such as 24/11/2026."));
        }
        else if (reviewed > today)
        {
            problems.Add(new("LastReviewedOn", "The date it was last reviewed must be today or in the past."));
        }

        return problems;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugShape();
}
