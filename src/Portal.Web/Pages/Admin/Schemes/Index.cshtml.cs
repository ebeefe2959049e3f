using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Admin.Schemes;

/// <summary>The protection schemes: what each pays, to whom, and when it is open.</summary>
public sealed class IndexModel(ClaimSchemes schemes) : PageModel
{
    public IReadOnlyList<ProtectionScheme> Schemes { get; private set; } = [];
    public string? Flash { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        Schemes = await schemes.ListAsync(cancellationToken);
        Flash = saved is null ? null : $"Scheme {saved} saved.";
    }
}
