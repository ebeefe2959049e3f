using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Me.Claims;

/// <summary>"Your claims": the protection schemes open to the person today, and their own claims with where each has got to.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(CurrentPerson currentPerson, ClaimSchemes schemes, ProtectionClaims claims) : PageModel
{
    public IReadOnlyList<ProtectionScheme> Open { get; private set; } = [];
    public IReadOnlyList<(ProtectionClaim Claim, string Scheme)> Mine { get; private set; } = [];

    /// <summary>The claim just made, to confirm with its reference.</summary>
    public string? Made { get; private set; }

    public async Task OnGetAsync(string? made, CancellationToken cancellationToken)
    {
        Open = await schemes.OpenToAsync(currentPerson.Id, cancellationToken);
        Mine = await claims.MineAsync(currentPerson.Id, cancellationToken);
        Made = made is not null && Mine.Any(m => m.Claim.Reference == made) ? made : null;
    }

}
