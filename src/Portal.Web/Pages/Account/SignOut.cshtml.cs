using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Account;

/// <summary>
/// Signs out of the portal — ending the session on every node — and then of Entra ID, when that is how the person
/// signed in. If Entra ID cannot be reached the portal's own session has still ended, and the page says what remains.
/// </summary>
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Me/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var throughEntra = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is not null && User.Identity?.AuthenticationType != "DevSignIn";
        await HttpContext.SignOutAsync(AuthenticationSetup.CookieScheme);
        if (!throughEntra)
        {
            return RedirectToPage("/Account/SignedOut");
        }

        try
        {
            // Answers with the redirect to Entra ID's sign-out, which comes back to /signed-out.
            await HttpContext.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/signed-out" });
            return new EmptyResult();
        }
        catch (Exception failure) when (failure is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning("Signed out of the portal, but Entra ID could not be reached to end the session there: {Failure}", failure.GetType().Name);
            return RedirectToPage("/Account/SignedOut", new { provider = "unreachable" });
        }
    }
}
