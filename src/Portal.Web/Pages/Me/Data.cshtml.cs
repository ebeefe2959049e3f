using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Audit;
using Portal.Core.Domain;
using Portal.Core.People;
using Portal.Core.Text;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me;

/// <summary>
/// "Your data": what the portal holds about the signed-in person, and their own copy of it to download (JSON, which
/// any program can read). Whose data it is comes from the sign-in alone. Each download is audited, so a download
/// from a stolen session shows in the trail.
/// </summary>
[NeedsPersonRecord]
public sealed class DataModel(CurrentPerson currentPerson, SubjectAccess subjectAccess, AuditLog audit, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };

    public IReadOnlyList<string> NotIncluded => SubjectAccess.NotIncluded;

    public IActionResult OnGet() => Page();

    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        if (await subjectAccess.BuildAsync(personId, cancellationToken) is not { } copy)
        {
            return RedirectToPage("/Me/NoRecord");
        }

        await audit.RecordAsync(WelfareUsers.ActorOf(HttpContext, personId), AuditActions.SubjectAccessDownloaded, personId, null, cancellationToken: cancellationToken);
        Response.Headers.CacheControl = "no-store";
        var name = $"my-exposure-portal-data-{UkTime.Format(clock.GetUtcNow().UtcDateTime, "yyyy-MM-dd")}.json";
        return File(JsonSerializer.SerializeToUtf8Bytes(copy, Json), "application/json", name);
    }
}
