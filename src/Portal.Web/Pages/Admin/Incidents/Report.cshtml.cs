using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Evidence;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>
/// The incident's draft report to the regulator (UK GDPR Art. 33): its figures counted afresh on every visit, its
/// words edited here and saved as numbered versions, and a Word copy to download.
/// </summary>
public sealed class ReportModel(BreachReports reports, Administrators administrators) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions = ["conflict", "Input.Nature", "Input.LikelyConsequences", "Input.OtherMeasures", "Input.ReportedOn", "Input.DelayReasons"];

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public BreachReport Report { get; private set; } = null!;
    public IReadOnlyList<(int Version, DateTime SavedUtc, string SavedBy)> Versions { get; private set; } = [];
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = ReportInput.From(Report.Text);
        Flash = saved is { } version ? $"Version {version} of the report is saved." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var reported = ModelState.ParseDate("Input.ReportedOn", Input.ReportedOn, "Enter the date it was reported as a real date, such as 17/8/2023, or leave it empty.");
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            var version = await reports.SaveAsync(admin.Actor, Id, Input.Version,
                new BreachReportEdits(Input.Nature, Input.LikelyConsequences, Input.OtherMeasures, reported, Input.DelayReasons), cancellationToken);
            return version is null ? NotFound() : RedirectToPage("/Admin/Incidents/Report", new { id = Id, saved = version });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "conflict", field => "Input." + field);
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
    }

    /// <summary>The report as a Word document, drawn now with the latest saved words. Audited.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetWordAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        if (await reports.DownloadAsync(admin.Actor, Id, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.FileName);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await reports.DrawAsync(Id, cancellationToken) is not { } report)
        {
            return false;
        }

        Report = report;
        Versions = await reports.VersionsAsync(Id, cancellationToken);
        return true;
    }
}

public sealed class ReportInput
{
    public string? Nature { get; set; }
    public string? LikelyConsequences { get; set; }
    public string? OtherMeasures { get; set; }
    public string? ReportedOn { get; set; }
    public string? DelayReasons { get; set; }

    /// <summary>The version the words were read from: a save over a later one is refused as a conflict.</summary>
    public int Version { get; set; }

    public static ReportInput From(BreachReportText text) => new()
    {
        Nature = text.Nature,
        LikelyConsequences = text.LikelyConsequences,
        OtherMeasures = text.OtherMeasures,
        ReportedOn = text.ReportedOn?.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture),
        DelayReasons = text.DelayReasons,
        Version = text.Version,
    };
}
