using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Imports;

namespace Portal.Core.People;

/// <summary>
/// Finds the personnel record of a signed-in person from their own claims: the pay number claim first, then
/// the work e-mail or UPN. The record is never chosen by anything in the URL or a form.
/// </summary>
public sealed class PersonMatcher(PortalDbContext db, IOptions<PersonMatchingOptions> options)
{
    /// <summary>The person's id, or null when no record matches (or an e-mail matches more than one).</summary>
    public async Task<int?> FindPersonIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var settings = options.Value;
        var payNumber = user.FindFirst(settings.PayNumberClaim)?.Value;
        if (!string.IsNullOrWhiteSpace(payNumber))
        {
            var normalised = PersonnelRow.NormalisePayNumber(payNumber);
            var byPayNumber = await db.People.AsNoTracking().Where(p => p.PayNumber == normalised).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (byPayNumber is not null)
            {
                return byPayNumber;
            }
        }

        foreach (var claimType in settings.EmailClaims)
        {
            var email = user.FindFirst(claimType)?.Value;
            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
            {
                continue;
            }

            var normalised = email.Trim().ToLowerInvariant();
            var matches = await db.People.AsNoTracking().Where(p => p.EmailNormalised == normalised).Select(p => p.Id).Take(2).ToListAsync(cancellationToken);
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return null;
    }
}
