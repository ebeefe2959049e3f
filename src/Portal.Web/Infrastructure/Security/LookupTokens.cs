using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Proves that a look-up which writes an audit event ("an administrator looked up this person", a preview for a named
/// person, an export) was asked for from the portal's own form, not from a link someone else made and lured an
/// administrator into opening. The portal's forms carry a token bound to the signed-in person, protected by the
/// data-protection keys and good for a session's length; an address without a valid one only fills in the form and
/// asks the person to confirm, writing nothing.
/// </summary>
public sealed class LookupTokens(IDataProtectionProvider provider)
{
    /// <summary>The name of the field (and query parameter) that carries the token.</summary>
    public const string FieldName = "confirm";

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("Portal.LookupTokens").ToTimeLimitedDataProtector();

    public string Issue(ClaimsPrincipal user) => protector.Protect(WelfareUsers.SubjectOf(user) ?? string.Empty, AuthenticationSetup.AbsoluteLifetime);

    /// <summary>The token for this request's forms and links: issued once a request, however many ask for it.</summary>
    public string TokenFor(HttpContext context)
    {
        if (context.Items[typeof(LookupTokens)] is not string token)
        {
            token = Issue(context.User);
            context.Items[typeof(LookupTokens)] = token;
        }

        return token;
    }

    public bool IsValid(ClaimsPrincipal user, string? token)
    {
        if (string.IsNullOrEmpty(token) || WelfareUsers.SubjectOf(user) is not { } subject)
        {
            return false;
        }

        try
        {
            return string.Equals(protector.Unprotect(token, out _), subject, StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
