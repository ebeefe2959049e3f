using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

public sealed class Administrators(CurrentPerson currentPerson, PortalDbContext db, IHttpContextAccessor accessor)
{
    private Administrator? administrator;

    /// <summary>Looked up once per request.</summary>
    public async Task<Administrator> GetAsync(CancellationToken cancellationToken = default) =>
        administrator ??= await LookUpAsync(cancellationToken);

    private async Task<Administrator> LookUpAsync(CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext!;
        var personId = await currentPerson.GetIdAsync(cancellationToken);
        var actor = WelfareUsers.ActorOf(context, personId);
        var person = personId is { } id
            ? await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Email, p.GivenName, p.RankOrGrade }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var user = context.User;
        var email = person?.Email ?? user.FindFirstValue("email") ?? user.FindFirstValue("preferred_username") ?? user.FindFirstValue(ClaimTypes.Email);
        // Without a personnel record, a preview or test "as you" uses the sign-in's own given name.
        var givenName = person?.GivenName ?? user.FindFirstValue("given_name") ?? user.Identity?.Name?.Split(' ')[0] ?? "colleague";
        return new Administrator(personId, actor, email, givenName, person?.RankOrGrade ?? "Administrator");
    }
}
