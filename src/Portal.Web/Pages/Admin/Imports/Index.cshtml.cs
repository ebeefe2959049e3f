using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.Text;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Imports;

/// <summary>Upload a personnel extract or an incident's held-data manifest to check, and the history of every import.</summary>
[Portal.Web.Infrastructure.Security.TakesUploads]
public sealed class IndexModel(PortalDbContext db, ImportRuns runs, Administrators administrators, IOptions<ImportOptions> options) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [nameof(Kind), nameof(IncidentId), nameof(Upload)];

    public const int PageSize = 50;

    public sealed record Row(int Id, DateTime UploadedUtc, string UploadedBy, ImportKind Kind, string? Incident, string FileName, string Sha256, ImportRunStatus Status,
        int Rows, int Added, int Changed, int Removed, int ProblemCount, DateTime? AppliedUtc);

    [BindProperty]
    public ImportKind? Kind { get; set; }

    [BindProperty]
    public int? IncidentId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<(int Id, string Label)> Incidents { get; private set; } = [];
    public IReadOnlyList<Row> History { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The page of the history shown, newest first.</summary>
    public int HistoryPage { get; private set; } = 1;
    public int MaxUploadMegabytes => options.Value.MaxUploadMegabytes;

    /// <param name="incident">From an incident's task list: the form starts as that incident's manifest.</param>
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery(Name = "incident")] int? incident, CancellationToken cancellationToken)
    {
        HistoryPage = page ?? 1;
        await LoadAsync(cancellationToken);
        if (incident is { } id && Incidents.Any(i => i.Id == id))
        {
            (Kind, IncidentId) = (ImportKind.Manifest, id);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Kind is null)
        {
            ModelState.AddModelError(nameof(Kind), "Choose what the file is: the personnel extract, or an incident's held-data manifest.");
        }
        else if (Kind == ImportKind.Manifest && (IncidentId is not { } incident || !await db.Incidents.AnyAsync(i => i.Id == incident, cancellationToken)))
        {
            ModelState.AddModelError(nameof(IncidentId), "Choose the incident this manifest is for. If it is not listed, record the incident first.");
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Upload is null ? "Choose the file to upload." : "The file is empty. Choose the CSV file the extract or manifest was saved as.");
        }
        else if (Upload.Length > options.Value.MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(Upload), string.Create(UkEnglish.Culture, $"The file is {Upload.Length / 1024.0 / 1024.0:N1} MB; the largest the portal takes is {options.Value.MaxUploadMegabytes} MB. Check it is the right file, or split it."));
        }

        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        await using var content = Upload!.OpenReadStream();
        var id = await runs.UploadAsync(admin.Actor, Kind!.Value, IncidentId, Upload.FileName, content, cancellationToken);
        return RedirectToPage("/Admin/Imports/Run", new { id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Incidents = await IncidentChoices.ListAsync(db, cancellationToken);
        var people = db.People.AsNoTracking();
        Total = await db.ImportRuns.CountAsync(cancellationToken);
        HistoryPage = Math.Clamp(HistoryPage, 1, Pages);
        History = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Skip((HistoryPage - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id, r.UploadedUtc,
                people.Where(p => p.Id == r.UploadedByPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() ?? r.UploadedBySubject,
                r.Kind, db.Incidents.Where(i => i.Id == r.IncidentId).Select(i => i.Reference).FirstOrDefault(), r.FileName, r.FileSha256, r.Status,
                r.Rows, r.Added, r.Changed, r.Removed, r.ProblemCount, r.AppliedUtc))
            .ToListAsync(cancellationToken);
    }

    public static string TagClass(ImportRunStatus status) => status switch
    {
        ImportRunStatus.Applied => "govuk-tag--green",
        ImportRunStatus.Checked => "govuk-tag--blue",
        ImportRunStatus.Failed => "govuk-tag--red",
        ImportRunStatus.Discarded => "govuk-tag--grey",
        _ => "govuk-tag--yellow",
    };

    public static string Describe(ImportKind kind) => kind == ImportKind.Personnel ? "Personnel extract" : "Held-data manifest";

    public static string Describe(ImportRunStatus status) => status switch
    {
        ImportRunStatus.Checking => "Checking",
        ImportRunStatus.Checked => "Checked",
        ImportRunStatus.Applying => "Importing",
        ImportRunStatus.Applied => "Imported",
        ImportRunStatus.Discarded => "Set aside",
        _ => "Stopped",
    };

    public static string When(DateTime utc) => UkTime.Format(utc, "d MMM yyyy HH:mm");
}
