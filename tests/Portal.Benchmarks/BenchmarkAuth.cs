using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Web.Infrastructure.Security;

/// <summary>
/// Signs in a benchmark's requests without a sign-in round trip: the pay number in <see cref="Header"/>, the app role in
/// <see cref="RoleHeader"/> (a welfare lead when there is none). Everything after authentication is the portal's own.
/// </summary>
internal sealed class BenchmarkAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Benchmark", Header = "X-Benchmark-User", RoleHeader = "X-Benchmark-Role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var payNumber))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var role = Request.Headers.TryGetValue(RoleHeader, out var given) ? given.ToString() : RoleNames.WelfareLead;
        var identity = new ClaimsIdentity(
            [new Claim("sub", "bench"), new Claim("employeeid", payNumber.ToString()), new Claim(RoleNames.ClaimType, role)], SchemeName, "name", RoleNames.ClaimType);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
