using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// The notices a person has been sent, decided only by their own delivery rows: a notice is theirs if the
/// campaign was for them, whether or not the e-mail got through.
/// </summary>
public sealed class MyNotices(PortalDbContext db, NoticeMessages messages, TimeProvider clock)
{
    /// <summary>Every notice sent to this person, newest first, each rendered for them: three queries however many there are.</summary>
    public Task<IReadOnlyList<MyNotice>> ListAsync(int personId, CancellationToken cancellationToken = default) =>
        LoadAsync(personId, null, cancellationToken);

    /// <summary>The notice, rendered for this person; null when it was not sent to them.</summary>
    public async Task<MyNotice?> GetAsync(int personId, int campaignId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(personId, campaignId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<MyNotice>> LoadAsync(int personId, int? campaignId, CancellationToken cancellationToken)
    {
        var sent = await db.Deliveries.AsNoTracking()
            .Where(d => d.PersonId == personId && d.Status != DeliveryStatus.Cancelled && (campaignId == null || d.CampaignId == campaignId))
            .Join(db.NoticeCampaigns, d => d.CampaignId, c => c.Id, (d, c) => new
            {
                Campaign = c,
                SentUtc = d.SentUtc ?? c.StartedUtc,
                AcknowledgedUtc = db.Acknowledgements.Where(a => a.PersonId == personId && a.CampaignId == c.Id).Select(a => (DateTime?)a.AcknowledgedUtc).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (sent.Count == 0)
        {
            return [];
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.GivenName, p.RankOrGrade }).SingleAsync(cancellationToken);
        var incidentIds = sent.Select(n => n.Campaign.IncidentId).OfType<int>().Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        return sent
            .Select(n =>
            {
                var incident = n.Campaign.IncidentId is { } id ? incidents.GetValueOrDefault(id) : null;
                var values = messages.ValuesFor(n.Campaign, incident, person.GivenName, person.RankOrGrade);
                return new MyNotice(n.Campaign.Id, NoticeTemplate.Render(n.Campaign.Subject, values), NoticeTemplate.Render(n.Campaign.BodyTemplate, values), n.SentUtc, n.AcknowledgedUtc, incident);
            })
            .OrderByDescending(n => n.SentUtc).ThenByDescending(n => n.CampaignId)
            .ToList();
    }

    /// <summary>Records "I have read this". Saying it twice changes nothing; a notice not sent to them cannot be acknowledged.</summary>
    public async Task<bool> AcknowledgeAsync(int personId, int campaignId, CancellationToken cancellationToken = default)
    {
        if (!await db.Deliveries.AnyAsync(d => d.PersonId == personId && d.CampaignId == campaignId && d.Status != DeliveryStatus.Cancelled, cancellationToken))
        {
            return false;
        }

        if (!await db.Acknowledgements.AnyAsync(a => a.PersonId == personId && a.CampaignId == campaignId, cancellationToken))
        {
            db.Acknowledgements.Add(new Acknowledgement { PersonId = personId, CampaignId = campaignId, AcknowledgedUtc = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same person pressed the button twice at once: fine if the first press recorded it.
                db.ChangeTracker.Clear();
                if (!await db.Acknowledgements.AsNoTracking().AnyAsync(a => a.PersonId == personId && a.CampaignId == campaignId, cancellationToken))
                {
                    throw;
                }
            }
        }

        // Off the ladder at once: nothing more is sent for this notice.
        await db.Escalations.Where(o => o.PersonId == personId && o.CampaignId == campaignId && (o.Status == EscalationStatus.Pending || o.Status == EscalationStatus.WaitingToRetry))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, EscalationStatus.Cancelled).SetProperty(o => o.LastError, "They confirmed that they have read it"), cancellationToken);
        return true;
    }
}
