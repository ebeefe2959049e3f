using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// Signs a request in as the pay number in <see cref="UserHeader"/> with the roles in <see cref="RolesHeader"/>,
/// carrying the same claim types Entra ID would. No header: anonymous (challenge is 401, forbid 403).
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";
    public const string EmailHeader = "X-Test-Email";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserHeader, out var user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new("sub", $"test:{user}"), new("name", $"Test user {user}"), new("employeeid", user.ToString()) };
        if (Request.Headers.TryGetValue(EmailHeader, out var email))
        {
            claims.Add(new Claim("preferred_username", email.ToString()));
        }

        if (Request.Headers.TryGetValue(RolesHeader, out var roles))
        {
            claims.AddRange(roles.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(RoleNames.ClaimType, r)));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, "name", RoleNames.ClaimType);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
