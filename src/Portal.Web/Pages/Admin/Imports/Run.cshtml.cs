using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Imports;

/// <summary>One upload: its check's progress and report (the first problems on the page, all of them as CSV), and importing it.</summary>
public sealed class RunModel(PortalDbContext db, ImportRuns runs, ImportProgress progress, AuditLog audit, Administrators administrators) : PageModel
{
    public const int FindingsShown = 100;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public ImportRun Run { get; private set; } = null!;
    public string? Incident { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public string? AppliedBy { get; private set; }
    public IReadOnlyList<ImportFinding> Problems { get; private set; } = [];
    public IReadOnlyList<ImportFinding> Unmatched { get; private set; } = [];
    public int? Percent { get; private set; }

    public bool Running => Run.Status is ImportRunStatus.Checking or ImportRunStatus.Applying;

    public bool HasChanges => Run.Added + Run.Changed + Run.Removed > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Where a running check or import has got to, for the progress bar.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken cancellationToken)
    {
        var status = await db.ImportRuns.AsNoTracking().Where(r => r.Id == Id).Select(r => (ImportRunStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
        return status is null ? NotFound() : new JsonResult(new { status = status.ToString(), percent = progress.PercentOf(Id) ?? (status is ImportRunStatus.Checking or ImportRunStatus.Applying ? 0 : 100) });
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            return await runs.ApplyAsync(admin.Actor, Id, cancellationToken) ? RedirectToPage(new { id = Id }) : NotFound();
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "apply");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            return await runs.DiscardAsync(admin.Actor, Id, cancellationToken) ? RedirectToPage(new { id = Id }) : NotFound();
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "discard");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>Every problem and unmatched pay number the check found, as CSV that is safe to open in a spreadsheet. Audited.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetReportAsync(CancellationToken cancellationToken)
    {
        if (!await db.ImportRuns.AnyAsync(r => r.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        await audit.RecordAsync(admin.Actor, AuditActions.ImportReportDownloaded, null, ImportRuns.Target(Id), cancellationToken: cancellationToken);
        await SpreadsheetCsv.WriteAsync(Response, $"import-{Id}-report.csv", ["kind", "line", "column", "column_name", "message"],
            db.ImportFindings.AsNoTracking().Where(f => f.ImportRunId == Id).OrderBy(f => f.Kind).ThenBy(f => f.Line).ThenBy(f => f.Column).AsAsyncEnumerable(),
            (csv, f) =>
            {
                csv.WriteField(f.Kind == ImportFindingKind.Problem ? "problem" : "unmatched pay number");
                csv.WriteField(f.Line);
                csv.WriteField(f.Column);
                csv.WriteField(f.ColumnName);
                csv.WriteField(f.Message);
            },
            cancellationToken);
        return new EmptyResult();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, cancellationToken) is not { } run)
        {
            return false;
        }

        Run = run;
        Incident = await db.Incidents.AsNoTracking().Where(i => i.Id == run.IncidentId).Select(i => i.Reference + ": " + i.Title).SingleOrDefaultAsync(cancellationToken);
        UploadedBy = await NameAsync(run.UploadedByPersonId, cancellationToken) ?? run.UploadedBySubject;
        AppliedBy = run.AppliedBySubject is null ? null : await NameAsync(run.AppliedByPersonId, cancellationToken) ?? run.AppliedBySubject;
        var findings = db.ImportFindings.AsNoTracking().Where(f => f.ImportRunId == Id);
        Problems = await findings.Where(f => f.Kind == ImportFindingKind.Problem).OrderBy(f => f.Line).ThenBy(f => f.Column).Take(FindingsShown).ToListAsync(cancellationToken);
        Unmatched = await findings.Where(f => f.Kind == ImportFindingKind.Unmatched).OrderBy(f => f.Line).Take(FindingsShown).ToListAsync(cancellationToken);
        Percent = progress.PercentOf(Id) ?? 0;
        return true;
    }

    private Task<string?> NameAsync(int? personId, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.GivenName + " " + p.FamilyName).SingleOrDefaultAsync(cancellationToken);

    public static string When(DateTime utc) => UkTime.Format(utc, "d MMMM yyyy, HH:mm");
}
