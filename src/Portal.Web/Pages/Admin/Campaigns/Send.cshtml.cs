using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// Sending a draft, now or at a time in UK time — with a second administrator's approval when it goes to more than
/// <see cref="NoticeOptions.ApprovalThreshold"/> people — and that approval, or the return to a draft.
/// </summary>
public sealed class SendModel(
    CampaignSummaries summaries,
    Administrators administrators,
    CampaignService campaigns,
    IOptions<NoticeOptions> options,
    TimeProvider clock) : CampaignPageModel(summaries, administrators)
{
    public override IReadOnlyList<string> ErrorOrder { get; } = ["conflict", "Audience", "Schedule", "approve"];

    [BindProperty]
    public ScheduleInput Schedule { get; set; } = new();

    public int ApprovalThreshold => options.Value.ApprovalThreshold;

    /// <summary>The administrator looking composed this campaign, so cannot approve it.</summary>
    public bool IsComposer { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await ShowAsync(cancellationToken);
        return page is PageResult && !CampaignWorkflow.Allows(CampaignAction.Send, Campaign.Status) && !CampaignWorkflow.Allows(CampaignAction.Approve, Campaign.Status)
            ? RedirectToPage("Campaign", new { id = Id })
            : page;
    }

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken) => ActAsync("Schedule", async admin =>
    {
        DateTime? at = null;
        if (Schedule.When == "later")
        {
            at = Schedule.ToUtc() ?? throw new RefusedException("Schedule", "Enter the date and time to send it, like 24 11 2026 and 09:30, in UK time.");
        }
        else if (Schedule.When != "now")
        {
            throw new RefusedException("Schedule", "Choose whether to send it now or later");
        }

        return await campaigns.SendAsync(admin.Actor, Id, Version, at, cancellationToken) switch
        {
            CampaignStatus.AwaitingApproval => "It goes to more than " + ApprovalThreshold.ToString("N0", UkEnglish.Culture) + " people, so a second administrator must approve it before it is sent",
            CampaignStatus.Scheduled => "The notice is scheduled",
            _ => "Sending has started",
        };
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => ActAsync("approve", async admin =>
        await campaigns.ApproveAsync(admin.Actor, Id, Version, cancellationToken) == CampaignStatus.Scheduled ? "Approved: the notice is scheduled" : "Approved: sending has started");

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) => ActAsync("approve", async admin =>
    {
        await campaigns.ReturnToDraftAsync(admin.Actor, Id, Version, cancellationToken);
        return "The notice is a draft again";
    });

    protected override Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken)
    {
        IsComposer = string.Equals(Campaign.CreatedBySubject, admin.Actor.Subject, StringComparison.Ordinal);
        return Task.CompletedTask;
    }
}
