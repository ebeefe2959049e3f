using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Evidence;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>
/// An incident's decision log (what was decided and why, written once) and its evidence record: the decisions, the
/// audit trail of the incident, its notices and imports, the report's versions and the sends, in order, as CSV or PDF.
/// </summary>
public sealed class EvidenceModel(PortalDbContext db, Decisions decisions, IncidentEvidence evidence, Administrators administrators) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions = ["What", "Why", "CampaignId"];

    /// <summary>The newest entries the page shows; the downloads hold every one.</summary>
    public const int Shown = 200;

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public string? What { get; set; }

    [BindProperty]
    public string? Why { get; set; }

    [BindProperty]
    public int? CampaignId { get; set; }

    public string Reference { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<(int Id, string Subject)> Campaigns { get; private set; } = [];
    public IReadOnlyList<Decision> Decisions { get; private set; } = [];
    public IncidentEvidenceRecord Record { get; private set; } = null!;

    /// <summary>The newest <see cref="Shown"/> entries, newest first.</summary>
    public IReadOnlyList<EvidenceEntry> Latest => [.. Record.Entries.Reverse().Take(Shown)];
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool recorded, CancellationToken cancellationToken)
    {
        Flash = recorded ? "The decision is recorded." : null;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            return await decisions.RecordAsync(admin.Actor, Id, What, Why, CampaignId, cancellationToken) is null
                ? NotFound()
                : RedirectToPage("/Admin/Incidents/Evidence", new { id = Id, recorded = true });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "What");
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
    }

    [RateLimited(RateLimits.Exports)]
    public Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => ExportAsync(pdf: false, cancellationToken);

    [RateLimited(RateLimits.Exports)]
    public Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken) => ExportAsync(pdf: true, cancellationToken);

    private async Task<IActionResult> ExportAsync(bool pdf, CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        if (await evidence.ExportAsync(admin.Actor, Id, pdf, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await evidence.BuildAsync(Id, cancellationToken) is not { } record)
        {
            return false;
        }

        Record = record;
        Reference = record.Reference;
        Title = record.Title;
        Campaigns = [.. (await db.NoticeCampaigns.AsNoTracking().Where(c => c.IncidentId == Id).OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Subject })
            .ToListAsync(cancellationToken)).Select(c => (c.Id, c.Subject))];
        Decisions = await decisions.ListAsync(Id, cancellationToken);
        return true;
    }
}
