using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.People;

/// <summary>
/// A person's own copy of what the portal holds about them (their subject-access copy): their personnel record,
/// what each incident held and did not hold, the notices sent to them and whether they confirmed reading them, their
/// support requests with every message and step, and when their data was looked at or acted on. Nothing about
/// anyone else: who in the welfare team or administration acted is not named, and the welfare team's internal
/// notes are not included (see <see cref="NotIncluded"/>).
/// </summary>
public sealed class SubjectAccess(PortalDbContext db, Texts.MobileNumbers mobiles, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> NotIncluded =
    [
        "The welfare team's working records of your support requests (internal notes, threat assessments, the reasons for any change of priority, and who handled each step), and the names of the people who looked at or acted on your data. They can include other people's information, so they are released through a subject access request to the Data Protection Officer, who checks them first.",
        "Anything held outside this portal: your HR record, and the data the supplier held, come from other systems.",
    ];

    public async Task<SubjectAccessCopy?> BuildAsync(int personId, CancellationToken cancellationToken = default)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var exposures = await db.Exposures.AsNoTracking().Where(e => e.PersonId == personId)
            .Join(db.Incidents, e => e.IncidentId, i => i.Id, (e, i) => new { i.Reference, i.Title, e.Fields, e.UpdatedUtc })
            .OrderBy(e => e.Reference).ToListAsync(cancellationToken);
        var notices = await db.Deliveries.AsNoTracking().Where(d => d.PersonId == personId)
            .Join(db.NoticeCampaigns, d => d.CampaignId, c => c.Id, (d, c) => new
            {
                c.Id,
                c.Subject,
                d.Status,
                d.SentUtc,
                Acknowledged = db.Acknowledgements.Where(a => a.PersonId == personId && a.CampaignId == c.Id).Select(a => (DateTime?)a.AcknowledgedUtc).FirstOrDefault(),
            })
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var requests = await db.SupportRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var requestIds = requests.Select(r => r.Id).ToList();
        var messages = (await db.SupportMessages.AsNoTracking().Where(m => requestIds.Contains(m.SupportRequestId)).ToListAsync(cancellationToken))
            .OrderBy(m => m.SentUtc).ThenBy(m => m.Id).ToLookup(m => m.SupportRequestId);
        var accesses = await db.AuditEvents.AsNoTracking().Where(e => e.SubjectPersonId == personId)
            .OrderBy(e => e.Id).Select(e => new AccessEntry(e.OccurredUtc, e.Action, e.Target)).ToListAsync(cancellationToken);

        var mobile = await db.MobileNumbers.AsNoTracking().Where(m => m.PersonId == personId).Select(m => new { m.ConfirmedUtc }).SingleOrDefaultAsync(cancellationToken);
        var texts = await db.TextMessages.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.Id)
            .Select(t => new TextEntry(t.Purpose.ToString(), t.Status.ToString(), t.CreatedUtc, t.DeliveredUtc)).ToListAsync(cancellationToken);
        var number = mobile is null ? null : await mobiles.NumberAsync(personId, cancellationToken);
        var history = await ExposureHistory.Lines(db).Where(c => c.PersonId == personId)
            .Join(db.Incidents, c => c.IncidentId, i => i.Id, (c, i) => new { i.Reference, c.IncidentId, c.ChangedUtc, c.Added, c.Removed, c.ImportRunId })
            .OrderBy(c => c.ChangedUtc).ThenBy(c => c.IncidentId).ToListAsync(cancellationToken);

        return new SubjectAccessCopy(
            clock.GetUtcNow().UtcDateTime,
            NotIncluded,
            new PersonEntry(person.PayNumber, person.GivenName, person.FamilyName, person.PersonnelType.ToString(), person.RankOrGrade, person.Unit,
                person.WorkLocation, person.VettingLevel.ToString(), person.Email, person.SensitiveRole.ToString(), person.Status.ToString(), person.CreatedUtc, person.UpdatedUtc),
            [.. exposures.Select(e => new ExposureEntry(e.Reference, e.Title,
                [.. DataFieldCatalogue.In(e.Fields).Select(f => f.Name)], [.. DataFieldCatalogue.NotIn(e.Fields).Select(f => f.Name)], e.UpdatedUtc))],
            [.. notices.Select(n => new NoticeEntry(n.Subject, n.Status.ToString(), n.SentUtc, n.Acknowledged))],
            [.. requests.Select(r => new SupportRequestEntry(r.Reference, r.Type.ToString(), r.StatedUrgency.ToString(), r.Description, r.ContactMethod.ToString(), r.ContactPhone,
                r.ConsentToShare, r.Status.ToString(), r.Priority.ToString(), r.PriorityReasons, r.CreatedUtc, r.UpdatedUtc,
                [.. messages[r.Id].Select(m => new MessageEntry(m.SentUtc, m.FromRequester ? "you" : "the welfare team", m.Body))]))],
            accesses,
            mobile is null && texts.Count == 0 ? null : new MobileEntry(number is null ? null : "+" + number, mobile?.ConfirmedUtc, texts),
            [.. history.Select(h => new ExposureChangeEntry(h.Reference, h.ChangedUtc, [.. DataFieldCatalogue.In(h.Added).Select(f => f.Name)],
                [.. DataFieldCatalogue.In(h.Removed).Select(f => f.Name)], h.ImportRunId))]);
    }
}
