using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Support;

/// <summary>Ask for support: the questions. The answers are checked here and confirmed on the next page.</summary>
[NeedsPersonRecord]
public sealed class NewModel : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = [.. SupportRequestInput.QuestionOrder.Select(q => $"{nameof(Input)}.{q}")];

    [BindProperty]
    public SupportRequestInput Input { get; set; } = new();

    public IActionResult OnGet()
    {
        Input = SupportRequestInput.FromJson(TempData.Peek(SupportRequestInput.DraftKey)) ?? new();
        return Page();
    }

    public IActionResult OnPost()
    {
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
