using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Account;

/// <summary>Signs out of the portal (and of Entra ID, when that is how the person signed in).</summary>
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Me/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var properties = new AuthenticationProperties { RedirectUri = "/signed-out" };
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is not null && User.Identity?.AuthenticationType != "DevSignIn")
        {
            return SignOut(properties, AuthenticationSetup.CookieScheme, OpenIdConnectDefaults.AuthenticationScheme);
        }

        await HttpContext.SignOutAsync(AuthenticationSetup.CookieScheme);
        return Redirect("/signed-out");
    }
}
