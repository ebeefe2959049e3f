using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Notices;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Support;

/// <summary>
/// Ask for support: the questions. The answers are checked here and confirmed on the next page. Opened from a notice
/// ("I need support"), the request says which notice it answers.
/// </summary>
[NeedsPersonRecord]
public sealed class NewModel(CurrentPerson currentPerson, MyNotices notices, AccessRefusals refusals) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [.. SupportRequestInput.QuestionOrder.Select(q => $"{nameof(Input)}.{q}")];

    [BindProperty]
    public SupportRequestInput Input { get; set; } = new();

    /// <summary>The notice being answered, as the person read it; null for a request not made from a notice.</summary>
    public MyNotice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "notice")] int? noticeId, CancellationToken cancellationToken)
    {
        Input = SupportRequestInput.FromJson(TempData.Peek(SupportRequestInput.DraftKey)) ?? new();
        if (noticeId is { } id)
        {
            if (id != Input.CampaignId)
            {
                Input = new() { CampaignId = id };
            }
        }

        return await FindNoticeAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var campaignId = Input.CampaignId;
        // Binding problems (an unknown option, say) become the same plain messages as missing answers.
        ModelState.Clear();
        Input.CampaignId = campaignId;
        if (!await FindNoticeAsync(cancellationToken))
        {
            return NotFound();
        }

        foreach (var (field, message) in Input.Validate())
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.SubmissionKey = Guid.NewGuid();
        TempData[SupportRequestInput.DraftKey] = Input.ToJson();
        return RedirectToPage("/Me/Support/Check");
    }

    public string? ErrorFor(string field) => ModelState.ErrorFor($"{nameof(Input)}.{field}");

    /// <summary>The notice the answers are about, when there is one; false (and the refusal recorded) when it was not sent to this person.</summary>
    private async Task<bool> FindNoticeAsync(CancellationToken cancellationToken)
    {
        if (Input.CampaignId is not { } id)
        {
            return true;
        }

        Notice = await notices.GetAsync(currentPerson.Id, id, cancellationToken);
        if (Notice is null)
        {
            await refusals.NoticeAsync(id, cancellationToken);
            return false;
        }

        return true;
    }
}
