using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>A notice as its recipient reads it in the portal.</summary>
public sealed record MyNotice(int CampaignId, string Subject, string Body, DateTime? SentUtc, DateTime? AcknowledgedUtc);

/// <summary>
/// The notices a person has been sent, decided only by their own delivery rows: a notice is theirs if the
/// campaign was for them, whether or not the e-mail got through.
/// </summary>
public sealed class MyNotices(PortalDbContext db, NoticeMessages messages, TimeProvider clock)
{
    public async Task<IReadOnlyList<MyNotice>> ListAsync(int personId, CancellationToken cancellationToken = default)
    {
        var ids = await db.Deliveries.AsNoTracking().Where(d => d.PersonId == personId && d.Status != DeliveryStatus.Cancelled)
            .Select(d => d.CampaignId).ToListAsync(cancellationToken);
        var notices = new List<MyNotice>();
        foreach (var id in ids)
        {
            if (await GetAsync(personId, id, cancellationToken) is { } notice)
            {
                notices.Add(notice);
            }
        }

        return notices.OrderByDescending(n => n.SentUtc).ThenByDescending(n => n.CampaignId).ToList();
    }

    /// <summary>The notice, rendered for this person; null when it was not sent to them.</summary>
    public async Task<MyNotice?> GetAsync(int personId, int campaignId, CancellationToken cancellationToken = default)
    {
        var delivery = await db.Deliveries.AsNoTracking().Where(d => d.PersonId == personId && d.CampaignId == campaignId && d.Status != DeliveryStatus.Cancelled)
            .Select(d => new { d.SentUtc }).SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return null;
        }

        var campaign = await db.NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.GivenName, p.RankOrGrade }).SingleAsync(cancellationToken);
        var incidentTitle = campaign.IncidentId is { } incidentId
            ? await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken)
            : null;
        var acknowledged = await db.Acknowledgements.AsNoTracking().Where(a => a.PersonId == personId && a.CampaignId == campaignId)
            .Select(a => (DateTime?)a.AcknowledgedUtc).SingleOrDefaultAsync(cancellationToken);
        var values = messages.ValuesFor(campaign, incidentTitle, person.GivenName, person.RankOrGrade);
        return new MyNotice(campaignId, NoticeTemplate.Render(campaign.Subject, values), NoticeTemplate.Render(campaign.BodyTemplate, values),
            delivery.SentUtc ?? campaign.StartedUtc, acknowledged);
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

        return true;
    }
}
