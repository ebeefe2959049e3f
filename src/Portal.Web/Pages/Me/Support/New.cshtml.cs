using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Support;

/// <summary>Ask for support: the questions. The answers are checked here and confirmed on the next page.</summary>
public sealed class NewModel(CurrentPerson currentPerson) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [.. SupportRequestInput.QuestionOrder.Select(q => $"{nameof(Input)}.{q}")];

    [BindProperty]
    public SupportRequestInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await currentPerson.GetIdAsync(cancellationToken) is null)
        {
            return RedirectToPage("/Me/NoRecord");
        }

        Input = SupportRequestInput.FromJson(TempData.Peek(SupportRequestInput.DraftKey)) ?? new();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await currentPerson.GetIdAsync(cancellationToken) is null)
        {
            return RedirectToPage("/Me/NoRecord");
        }

        // Binding problems (an unknown option, say) become the same plain messages as missing answers.
        ModelState.Clear();
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
}
