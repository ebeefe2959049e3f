using System.Globalization;
using System.Security.Claims;
using Portal.Core.People;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The signed-in person's own record id, found from their claims once per request. The record matched when they
/// signed in is kept in their (protected) session cookie, so most requests need no lookup; someone whose record did
/// not exist then is looked up on each request until it does.
/// </summary>
public sealed class CurrentPerson(PersonMatcher matcher, IHttpContextAccessor accessor)
{
    /// <summary>The claim the portal adds at sign-in; any claim of this type from elsewhere is removed first.</summary>
    public const string PersonIdClaim = "portal_person_id";

    private int? personId;
    private bool looked;

    /// <summary>The record's id, on a page marked <see cref="NeedsPersonRecordAttribute"/> (which has looked it up and found it).</summary>
    public int Id => looked && personId is { } id ? id : throw new InvalidOperationException("Only a page marked [NeedsPersonRecord] may count on the signed-in person having a record.");

    public async Task<int?> GetIdAsync(CancellationToken cancellationToken = default)
    {
        if (!looked)
        {
            var user = accessor.HttpContext!.User;
            personId = user.FindFirst(PersonIdClaim)?.Value is { } kept && int.TryParse(kept, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : await matcher.FindPersonIdAsync(user, cancellationToken);
            looked = true;
        }

        return personId;
    }

    /// <summary>At sign-in: matches the person once and keeps the record's id in the session.</summary>
    public static async Task KeepInSessionAsync(ClaimsPrincipal principal, PersonMatcher matcher, CancellationToken cancellationToken)
    {
        if (principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var claim in identity.FindAll(PersonIdClaim).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (await matcher.FindPersonIdAsync(principal, cancellationToken) is { } id)
        {
            identity.AddClaim(new Claim(PersonIdClaim, id.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
