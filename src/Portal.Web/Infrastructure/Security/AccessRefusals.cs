using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Records, in the audit trail, each attempt to reach what is not the signed-in person's. Pages answer such an attempt
/// exactly as they answer a reference that names nothing ("not found"), so nobody learns that it exists; the trail
/// shows who tried, whose it was and from where.
/// </summary>
/// <remarks>
/// What a refused request can write is bounded: the target is cut to <see cref="MaxTarget"/> characters, and at most
/// <see cref="RateLimitOptions.RefusalsRecordedPerMinute"/> refusals a minute are recorded for one person.
/// </remarks>
public sealed class AccessRefusals(PortalDbContext db, AuditLog audit, CurrentPerson currentPerson, IHttpContextAccessor accessor, RateLimiters limiters, ILogger<AccessRefusals> logger)
{
    /// <summary>After a support request was not found among the person's own: recorded when it is someone else's.</summary>
    public async Task SupportRequestAsync(int id, CancellationToken cancellationToken)
    {
        var owner = await db.SupportRequests.AsNoTracking().Where(r => r.Id == id).Select(r => (int?)r.PersonId).SingleOrDefaultAsync(cancellationToken);
        if (owner is { } ownerId)
        {
            await RecordAsync(AuditActions.AccessRefused, ownerId, SupportReference.Format(id), "another person's support request", cancellationToken);
        }
    }

    /// <summary>After a notice was not found among those sent to the person: recorded when the notice exists.</summary>
    public async Task NoticeAsync(int campaignId, CancellationToken cancellationToken)
    {
        if (await db.NoticeCampaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            await RecordAsync(AuditActions.AccessRefused, null, Campaigns.Target(campaignId), "a notice not sent to them", cancellationToken);
        }
    }

    /// <summary>A page the person's role does not open.</summary>
    public Task ForbiddenAsync(string path, CancellationToken cancellationToken) =>
        RecordAsync(AuditActions.AccessForbidden, null, path.Length <= MaxTarget ? path : path[..MaxTarget], null, cancellationToken);

    /// <summary>The audit trail's limit on a target.</summary>
    private const int MaxTarget = 100;

    private async Task RecordAsync(string action, int? subjectPersonId, string target, string? detail, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext!;
        using var lease = await limiters.AcquireAsync(RateLimits.RefusalsRecorded, context);
        if (!lease.IsAcquired)
        {
            logger.LogWarning("Refusal not recorded in the audit trail: more than the limit a minute from one person ({Action})", action);
            return;
        }

        var actor = WelfareUsers.ActorOf(context, await currentPerson.GetIdAsync(cancellationToken));
        await audit.RecordAsync(actor, action, subjectPersonId, target, detail, cancellationToken);
    }
}
