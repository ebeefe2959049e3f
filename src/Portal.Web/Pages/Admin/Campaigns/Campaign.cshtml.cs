using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Core.Outreach;
using Portal.Web.Infrastructure;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// One campaign's overview: its summary and what can be done next; while and after sending, the progress (polled by
/// the page), pausing, resuming and cancelling, who has confirmed reading it by unit, and a reminder to the rest.
/// </summary>
public sealed class CampaignModel(
    CampaignSummaries summaries,
    Administrators administrators,
    CampaignService campaigns,
    CampaignReports reports,
    IOptions<NoticeOptions> options,
    RelayWatch relay,
    LadderReports ladder) : CampaignPageModel(summaries, administrators)
{
    public override IReadOnlyList<string> ErrorOrder { get; } = ["conflict", "Audience", "control", "followup"];

    public CampaignProgress? Progress { get; private set; }
    public IReadOnlyList<UnitAcknowledgement> ByUnit { get; private set; } = [];
    public int Acknowledged => ByUnit.Sum(u => u.Acknowledged);
    public int Reached => ByUnit.Sum(u => u.Recipients);
    public int NotAcknowledged { get; private set; }
    public NoticeAnswers Answers { get; private set; } = new(0, 0);
    public IReadOnlyList<LadderStepProgress> Ladder { get; private set; } = [];
    public IReadOnlyList<Portal.Core.Domain.LetterBatch> LetterBatches { get; private set; } = [];
    public int? RateLimit => options.Value.RateLimitPerMinute > 0 ? options.Value.RateLimitPerMinute : null;

    /// <summary>True while this campaign sends and the relay cannot be reached (see <see cref="RelayWatch"/>).</summary>
    public bool RelayAway => Campaign.Status == CampaignStatus.Sending && relay.IsAway;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    /// <summary>The numbers the progress bar shows, polled by the page while the campaign sends.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken cancellationToken)
    {
        if (await reports.ProgressAsync(Id, cancellationToken) is not { } progress)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            status = progress.Status.ToString(),
            statusText = CampaignText.Describe(progress.Status),
            total = progress.Total,
            sent = progress.Sent,
            failed = progress.FailedPermanent,
            retrying = progress.WaitingToRetry,
            pending = progress.Pending + progress.Sending,
            cancelled = progress.Cancelled,
            percent = progress.Percent,
            perMinute = progress.PerMinute,
            eta = progress.Eta is { } eta ? CampaignText.DescribeEta(eta) : null,
        });
    }

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.PauseAsync(admin.Actor, Id, Version, cancellationToken);
        return "Sending is paused. Messages already handed to the relay cannot be called back.";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.ResumeAsync(admin.Actor, Id, Version, cancellationToken);
        return "Sending has resumed";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.CancelAsync(admin.Actor, Id, Version, cancellationToken);
        return "The notice is cancelled. Nobody else will be sent it.";
    });

    /// <summary>In one step: a reminder to everyone this campaign reached who has not confirmed reading it.</summary>
    public Task<IActionResult> OnPostFollowUpAsync(CancellationToken cancellationToken) => ActAsync("followup", async admin =>
    {
        var (followUp, status) = await campaigns.FollowUpAsync(admin.Actor, Id, cancellationToken);
        return (status == CampaignStatus.AwaitingApproval
            ? "The reminder is ready; a second administrator must approve it before it is sent"
            : "The reminder is being sent", followUp);
    });

    protected override async Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken)
    {
        if (!Summary.HasStarted)
        {
            return;
        }

        Progress = await reports.ProgressAsync(Id, cancellationToken);
        (ByUnit, NotAcknowledged) = await reports.AcknowledgementsByUnitAsync(Id, cancellationToken);
        Answers = await reports.AnswersAsync(Id, cancellationToken);
        Ladder = await ladder.ProgressAsync(Campaign, cancellationToken);
        LetterBatches = await ladder.LetterBatchesAsync(Id, cancellationToken);
    }
}
