using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Audit;

/// <summary>Appends audit events, each sealed into the chain as it is saved (see <see cref="AuditChain"/>). Nothing here updates or deletes one.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Adds an event to the unit of work; it is written with the change it records.</summary>
    public void Add(Actor actor, string action, int? subjectPersonId, string? target, string? detail = null)
    {
        // Whole microseconds: what every database keeps exactly, so the event reads back as it was hashed.
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredUtc = now.AddTicks(-(now.Ticks % 10)),
            ActorPersonId = actor.PersonId,
            ActorSubject = actor.Subject,
            Action = action,
            SubjectPersonId = subjectPersonId,
            Target = target,
            Detail = detail,
            From = actor.From,
        });
    }

    /// <summary>Records an event on its own, such as a view that changes nothing else.</summary>
    public async Task RecordAsync(Actor actor, string action, int? subjectPersonId, string? target, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, subjectPersonId, target, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
