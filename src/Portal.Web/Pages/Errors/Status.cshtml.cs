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

    /// <summary>For 429: when to try again, from the Retry-After the rate limit set ("in 12 minutes").</summary>
    public string RetryIn => int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds) && seconds > 0
        ? seconds < 60 ? $"in {seconds} {(seconds == 1 ? "second" : "seconds")}"
        : seconds < 5400 ? $"in {(seconds + 59) / 60} {((seconds + 59) / 60 == 1 ? "minute" : "minutes")}"
        : $"in {(seconds + 3599) / 3600} hours"
        : "later";

    /// <summary>For 429: the message a refused form carried, given back so that it is not lost.</summary>
    public string? UnsentText => HttpContext.Items[Portal.Web.Infrastructure.Security.RateLimits.UnsentTextKey] as string;

    // From the route alone, without model binding: binding would read the failed request's form, which may be the
    // very body refused for being too large.
    public void OnGet() => Code = RouteCode();

    public void OnPost() => Code = RouteCode();

    private int RouteCode() =>
        int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
}
