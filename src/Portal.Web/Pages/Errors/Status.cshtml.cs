using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Errors;

/// <summary>The page shown for 403, 404, 500 and other error statuses, keeping the status code.</summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
