using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Guidance;

/// <summary>
/// Writes an article: the Markdown editor, a preview rendered on the server by the same sanitiser as the public page,
/// saving drafts, publishing, and the history of versions (any of which can be opened again to restore it).
/// </summary>
public sealed class ArticleModel(PortalDbContext db, GuidanceAdmin guidance, MarkdownRenderer markdown, Administrators administrators, TimeProvider clock) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions =
        ["Input.Title", "Input.Slug", "Input.Summary", "Input.Body", "Input.Fields", "Input.ForRoles", "Input.LastReviewedOn", "Input.Article"];

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    public IReadOnlyList<GuidanceVersion> Versions { get; private set; } = [];

    /// <summary>The names of the people who saved the versions, by personnel record.</summary>
    public IReadOnlyDictionary<int, string> Authors { get; private set; } = new Dictionary<int, string>();
    public GuidanceStatus? Status { get; private set; }
    public IHtmlContent? Preview { get; private set; }
    public int? Opened { get; private set; }
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? version, string? saved, CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var article = await db.GuidanceArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (article is null)
            {
                return NotFound();
            }

            // The latest version (or the one asked for) is what the editor holds; an article from before versions, its published text.
            var versions = db.GuidanceVersions.AsNoTracking().Where(v => v.ArticleId == id);
            var shown = version is { } n
                ? await versions.SingleOrDefaultAsync(v => v.Number == n, cancellationToken)
                : await versions.OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
            if (version is not null && shown is null)
            {
                return NotFound();
            }

            Input = shown is null ? ArticleInput.From(article) : ArticleInput.From(shown);
            Opened = version;
            Flash = saved switch
            {
                "draft" => "The draft is saved. Staff do not see it until it is published.",
                "published" => "Published. Staff now read this version.",
                _ => null,
            };
        }
        else
        {
            Input.LastReviewedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("d/M/yyyy", CultureInfo.InvariantCulture);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Shows the article as staff would see it, saving nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in GuidanceAdmin.PreviewProblems(Input.ToDraft(ModelState)))
        {
            ModelState.AddModelError("Input." + problem.Field, problem.Message);
        }

        Preview = ModelState.ErrorCount == 0 ? new HtmlString(markdown.ToHtml(Input.Body ?? "")) : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(publish: false, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => SaveAsync(publish: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(bool publish, CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        var draft = Input.ToDraft(ModelState);
        int? id = null;
        try
        {
            id = publish
                ? await guidance.PublishAsync(admin.Actor, Id, draft, cancellationToken)
                : await guidance.SaveDraftAsync(admin.Actor, Id, draft, cancellationToken);
        }
        catch (RefusedException refused)
        {
            // A date that could not be read is already in ModelState; the service's message for it would only repeat it.
            ModelState.AddRefusal(refused, "Input", field => "Input." + field);
        }

        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/Admin/Guidance/Article", new { id, saved = publish ? "published" : "draft" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            Status = await db.GuidanceArticles.AsNoTracking().Where(a => a.Id == id).Select(a => (GuidanceStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);
            Versions = await db.GuidanceVersions.AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
            var authors = Versions.Where(v => v.SavedByPersonId is not null).Select(v => v.SavedByPersonId!.Value).Distinct().ToList();
            Authors = await db.People.AsNoTracking().Where(p => authors.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, cancellationToken);
        }
    }

    public static string When(DateTime utc) => UkTime.Format(utc, "d MMM yyyy HH:mm");
}

/// <summary>The article form, as posted: the date as typed, tags as the boxes ticked.</summary>
public sealed class ArticleInput
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public List<HeldFields> Fields { get; set; } = [];
    public List<SensitiveRole> ForRoles { get; set; } = [];
    public string? LastReviewedOn { get; set; }

    public static ArticleInput From(GuidanceVersion v) => new()
    {
        Title = v.Title,
        Slug = v.Slug,
        Summary = v.Summary,
        Body = v.BodyMarkdown,
        Fields = [.. DataFieldCatalogue.In(v.Fields).Select(f => f.Flag)],
        ForRoles = [.. v.ForRoles],
        LastReviewedOn = v.LastReviewedOn.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
    };

    public static ArticleInput From(GuidanceArticle a) => new()
    {
        Title = a.Title,
        Slug = a.Slug,
        Summary = a.Summary,
        Body = a.BodyMarkdown,
        Fields = [.. DataFieldCatalogue.In(a.Fields).Select(f => f.Flag)],
        ForRoles = [.. a.ForRoles],
        LastReviewedOn = a.LastReviewedOn.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
    };

    public GuidanceDraft ToDraft(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state) =>
        new(Slug, Title, Summary, Body, Fields.Aggregate(HeldFields.None, (all, f) => all | f), ForRoles,
            state.ParseDate("Input." + nameof(LastReviewedOn), LastReviewedOn, "The date it was last reviewed must be a real date, such as 24/11/2026."));
}
