using Portal.Core.People;

namespace Portal.Web.Infrastructure;

/// <summary>The signed-in person's own record id, found from their claims once per request.</summary>
public sealed class CurrentPerson(PersonMatcher matcher, IHttpContextAccessor accessor)
{
    private int? personId;
    private bool looked;

    public async Task<int?> GetIdAsync(CancellationToken cancellationToken = default)
    {
        if (!looked)
        {
            personId = await matcher.FindPersonIdAsync(accessor.HttpContext!.User, cancellationToken);
            looked = true;
        }

        return personId;
    }
}
