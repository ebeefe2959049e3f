using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.People;
using Portal.Web.Infrastructure.DevSignIn;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Dev;

/// <summary>
/// The development sign-in. Its route exists only when DevSignIn:Enabled is set, which start-up refuses
/// outside the Development environment. It issues the same claims Entra ID would.
/// </summary>
public sealed partial class SignInModel(IOptions<PersonMatchingOptions> matching) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<Persona> Personas => Infrastructure.DevSignIn.Personas.All;

    public void OnGet()
    {
    }

    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> OnPostPersonaAsync()
    {
        ModelState.Clear();
        if (Infrastructure.DevSignIn.Personas.Find(Input.Persona) is not { } persona)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.Persona)}", "Select a persona to sign in as");
            return Page();
        }

        return await SignInAsync(persona.PayNumber, persona.Name, persona.Roles);
    }

    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> OnPostPayNumberAsync()
    {
        ModelState.Remove($"{nameof(Input)}.{nameof(SignInInput.Persona)}");
        var payNumber = Input.PayNumber?.Trim() ?? "";
        if (payNumber.Length == 0)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.PayNumber)}", "Enter a pay number");
        }
        else if (payNumber.Length > 20 || !payNumber.All(char.IsAsciiLetterOrDigit))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.PayNumber)}", "Enter a pay number using letters and digits only, like 130412");
        }

        var roles = Input.Roles.Where(RoleNames.All.Contains).Distinct().ToList();
        if (roles.Count != Input.Roles.Count)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.Roles)}", "Select roles from the list only");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        return await SignInAsync(payNumber, $"Pay number {payNumber.ToUpperInvariant()}", roles);
    }

    private async Task<IActionResult> SignInAsync(string payNumber, string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new("sub", $"dev:{payNumber}"),
            new("name", name),
            new(matching.Value.PayNumberClaim, payNumber),
        };
        claims.AddRange(roles.Select(role => new Claim(RoleNames.ClaimType, role)));
        var identity = new ClaimsIdentity(claims, "DevSignIn", "name", RoleNames.ClaimType);
        await HttpContext.SignInAsync(AuthenticationSetup.CookieScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

public sealed class SignInInput
{
    public string? Persona { get; set; }

    [Display(Name = "Pay number")]
    public string? PayNumber { get; set; }

    public List<string> Roles { get; set; } = [];
}
