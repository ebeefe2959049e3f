using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Infrastructure;

public sealed class WelfareUsers(CurrentPerson currentPerson, PortalDbContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    private WelfareUser? user;

    /// <summary>The acting welfare officer, on a page marked <see cref="NeedsPersonRecordAttribute"/>.</summary>
    public async Task<WelfareUser> GetAsync(CancellationToken cancellationToken = default)
    {
        if (user is not null)
        {
            return user;
        }

        var context = accessor.HttpContext!;
        var personId = currentPerson.Id;

        var isLead = context.User.IsInRole(RoleNames.WelfareLead);
        user = new WelfareUser(personId, isLead, ActorOf(context, personId));

        // Keep the list of colleagues a request can be given to; write only when it changes (or hourly), not per page.
        var now = clock.GetUtcNow().UtcDateTime;
        var member = await db.WelfareTeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == personId, cancellationToken);
        if (member is null || member.IsLead != isLead || now - member.LastSeenUtc > TimeSpan.FromHours(1))
        {
            var current = new WelfareTeamMember { PersonId = personId, IsLead = isLead, LastSeenUtc = now };
            if (member is null)
            {
                db.WelfareTeamMembers.Add(current);
            }
            else
            {
                db.WelfareTeamMembers.Update(current);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.Entry(current).State = EntityState.Detached;
        }

        return user;
    }

    public static Actor ActorOf(HttpContext context, int? personId) =>
        new(personId, SubjectOf(context.User) ?? "unknown", context.Connection.RemoteIpAddress?.ToString());

    /// <summary>The sign-in's stable identifier: Entra ID's object id, else the subject; null when not signed in.</summary>
    public static string? SubjectOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue("oid") ?? principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
}
