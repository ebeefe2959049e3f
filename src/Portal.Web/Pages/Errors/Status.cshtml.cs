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

    // From the route alone, without model binding: binding would read the failed request's form, which may be the
    // very body refused for being too large.
    public void OnGet() => Code = RouteCode();

    public void OnPost() => Code = RouteCode();

    private int RouteCode() =>
        int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
}
