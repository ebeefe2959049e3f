using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Audit;
using Portal.Core.Evidence;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Verify;

/// <summary>
/// Checks a personal statement, for anyone with its code: whether the portal issued one with it, when, and its SHA-256;
/// given the PDF, whether it is that document unchanged. Nothing about the person. Rate limited by address and audited.
/// </summary>
/// <remarks>
/// Its form needs no antiforgery token: it is open to anyone without a session, and checking a document changes nothing
/// but the audit trail, so a request forged from another site could do nothing a person could not do here themselves.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(Statements statements) : PageModel
{
    public const int MaxDocumentBytes = 5 * 1024 * 1024;

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public StatementVerdict? Verdict { get; private set; }

    [RateLimited(RateLimits.Verifications)]
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await CheckAsync(null, cancellationToken);

    [RateLimited(RateLimits.Verifications)]
    public async Task<IActionResult> OnPostAsync(IFormFile? document, CancellationToken cancellationToken)
    {
        if (document is null || document.Length == 0)
        {
            ModelState.AddModelError("document", "Choose the statement's PDF to check it");
            return await CheckAsync(null, cancellationToken);
        }

        if (document.Length > MaxDocumentBytes)
        {
            ModelState.AddModelError("document", "That file is larger than any statement the portal issues (5 MB). Choose the statement's PDF.");
            return await CheckAsync(null, cancellationToken);
        }

        using var copy = new MemoryStream();
        await document.CopyToAsync(copy, cancellationToken);
        return await CheckAsync(copy.ToArray(), cancellationToken);
    }

    private async Task<IActionResult> CheckAsync(byte[]? document, CancellationToken cancellationToken)
    {
        var actor = new Actor(null, "anonymous", HttpContext.Connection.RemoteIpAddress?.ToString());
        Verdict = await statements.VerifyAsync(actor, Code, document, cancellationToken);
        if (Verdict is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
