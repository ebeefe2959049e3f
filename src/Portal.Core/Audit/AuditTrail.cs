using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Audit;

/// <summary>Reads the audit trail for administrators: filtered, newest first, a page at a time or all of it.</summary>
public sealed class AuditTrail(PortalDbContext db)
{
    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> PageAsync(AuditQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var events = Filter(query);
        var total = await events.CountAsync(cancellationToken);
        var rows = await Rows(events.OrderByDescending(e => e.Sequence).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>How many events the query would match but leaves out because they are about restricted support requests.</summary>
    public Task<int> WithheldAsync(AuditQuery query, CancellationToken cancellationToken) =>
        query.IncludeRestricted ? Task.FromResult(0) : AboutRestrictedRequests(Filter(query with { IncludeRestricted = true }), about: true).CountAsync(cancellationToken);

    /// <summary>Every matching event, oldest first, one at a time: an export of the whole trail never holds it all in memory.</summary>
    public IAsyncEnumerable<AuditRow> AllAsync(AuditQuery query) =>
        Rows(Filter(query).OrderBy(e => e.Sequence).ThenBy(e => e.Id)).AsAsyncEnumerable();

    private IQueryable<AuditEvent> Filter(AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.ActorPersonId is { } actorId)
        {
            events = events.Where(e => e.ActorPersonId == actorId);
        }
        else if (query.ActorSubject is { } subject)
        {
            events = events.Where(e => e.ActorSubject == subject);
        }

        if (query.SubjectPersonId is { } subjectId)
        {
            events = events.Where(e => e.SubjectPersonId == subjectId);
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (query.FromUtc is { } from)
        {
            events = events.Where(e => e.OccurredUtc >= from);
        }

        if (query.BeforeUtc is { } before)
        {
            events = events.Where(e => e.OccurredUtc < before);
        }

        return query.IncludeRestricted ? events : AboutRestrictedRequests(events, about: false);
    }

    /// <summary>
    /// The events that are (<paramref name="about"/>) or are not about a support request whose requester is now in a
    /// sensitive role: only those who may open the request (welfare leads) may read who asked and what was said of it.
    /// </summary>
    private IQueryable<AuditEvent> AboutRestrictedRequests(IQueryable<AuditEvent> events, bool about) =>
        events.Where(e => (e.Target != null && e.Target.StartsWith(SupportReference.Prefix)
            && db.People.Any(p => p.Id == e.SubjectPersonId && p.SensitiveRole != SensitiveRole.None)) == about);

    private IQueryable<AuditRow> Rows(IQueryable<AuditEvent> events)
    {
        var people = db.People.AsNoTracking();
        return events.Select(e => new AuditRow(
            e.Sequence, e.OccurredUtc, e.ActorSubject,
            people.Where(p => p.Id == e.ActorPersonId).Select(p => p.PayNumber).FirstOrDefault(),
            people.Where(p => p.Id == e.ActorPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault(),
            e.Action,
            people.Where(p => p.Id == e.SubjectPersonId).Select(p => p.PayNumber).FirstOrDefault(),
            people.Where(p => p.Id == e.SubjectPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault(),
            e.Target, e.Detail, e.From, e.Hash));
    }
}
