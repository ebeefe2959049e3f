using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Errors;

/// <summary>The page shown for 403, 404, 500 and other error statuses, keeping the status code.</summary>
/// <remarks>
/// A failed POST is re-executed here as a POST; the page takes no input, so antiforgery must not turn
/// its 404 into a 400.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
