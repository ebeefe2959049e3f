using Microsoft.AspNetCore.Mvc;
using Portal.Core.Audit;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>Everyone the relay refused, for good or for now, with its reason: the first <see cref="Shown"/> here, and every one as a spreadsheet-safe CSV.</summary>
public sealed class FailuresModel(
    CampaignSummaries summaries,
    Administrators administrators,
    CampaignReports reports,
    AuditLog audit) : CampaignPageModel(summaries, administrators)
{
    public const int Shown = 100;

    public override IReadOnlyList<string> ErrorOrder { get; } = [];

    public IReadOnlyList<DeliveryFailure> Failures { get; private set; } = [];

    public IReadOnlyList<TextFailure> TextFailures { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    /// <summary>Every recipient the relay refused, as a spreadsheet-safe CSV. Audited: it names people.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (!await CampaignExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        var admin = await Administrators.GetAsync(cancellationToken);
        await audit.RecordAsync(admin.Actor, AuditActions.CampaignFailuresExported, null, CampaignService.Target(Id), cancellationToken: cancellationToken);
        await SpreadsheetCsv.WriteAsync(Response, $"campaign-{Id}-failures.csv", ["pay_number", "name", "unit", "email", "status", "attempts", "reason"],
            reports.FailuresAsync(Id),
            (csv, f) =>
            {
                csv.WriteField(f.PayNumber);
                csv.WriteField(f.Name);
                csv.WriteField(f.Unit);
                csv.WriteField(f.Email);
                csv.WriteField(f.Status == DeliveryStatus.FailedPermanent ? "failed" : "waiting to retry");
                csv.WriteField(f.Attempts);
                csv.WriteField(f.Reason);
            },
            cancellationToken);
        return new EmptyResult();
    }

    protected override async Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken)
    {
        var failures = new List<DeliveryFailure>();
        await foreach (var failure in reports.FailuresAsync(Id, Shown).WithCancellation(cancellationToken))
        {
            failures.Add(failure);
        }

        Failures = failures;
        TextFailures = await reports.TextFailuresAsync(Id, Shown, cancellationToken);
    }
}
