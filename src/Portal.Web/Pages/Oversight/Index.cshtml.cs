using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Domain;
using Portal.Core.Oversight;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Oversight;

/// <summary>
/// The figures the oversight board asks for, read-only: notices and support requests for the whole response or one open
/// incident, from the latest snapshot (counted every few minutes), every count of 1–4 — and any that would give one
/// away — shown as "fewer than 5". Nothing here names or links to a person.
/// </summary>
public sealed class IndexModel(OversightSnapshots snapshots, CurrentPerson currentPerson, AuditLog audit, IOptions<OversightOptions> options) : PageModel
{
    [FromQuery(Name = "scope")]
    public string? ScopeKey { get; set; }

    public OversightFigures Figures { get; private set; } = null!;
    public ScopeFigures Scope { get; private set; } = null!;
    public string FiguresCron => options.Value.FiguresCron;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await snapshots.LatestAsync(cancellationToken);
        // A scope that has gone (its incident closed since) shows the whole response.
        Scope = Figures.Find(ScopeKey) ?? Figures.Scopes[0];
        return Page();
    }

    /// <summary>Every scope's figures as one spreadsheet-safe CSV, suppressed as on the page. Audited.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var figures = await snapshots.LatestAsync(cancellationToken);
        await audit.RecordAsync(WelfareUsers.ActorOf(HttpContext, await currentPerson.GetIdAsync(cancellationToken)), AuditActions.FiguresDownloaded, null,
            "oversight/figures", cancellationToken: cancellationToken);
        Response.Headers.CacheControl = "no-store";
        var name = $"oversight-figures-{figures.TakenUtc:yyyy-MM-dd-HHmm}.csv";
        return File(FiguresCsv.Write(figures.Scopes.SelectMany(s => s.Tables.Select(t => (s.Title, t))), figures.Scopes), "text/csv; charset=utf-8", name);
    }
}
