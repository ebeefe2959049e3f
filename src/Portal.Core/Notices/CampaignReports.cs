using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>What administrators watch: progress, rate and ETA, failures, and who has read the notice.</summary>
public sealed class CampaignReports(PortalDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public async Task<CampaignProgress?> ProgressAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new { c.Status, c.StartedUtc, c.RecipientCount }).SingleOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var counts = await db.Deliveries.AsNoTracking().Where(d => d.CampaignId == campaignId).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int Count(DeliveryStatus status) => counts.GetValueOrDefault(status);
        var total = counts.Values.Sum();
        if (total == 0)
        {
            total = campaign.RecipientCount ?? 0;
        }

        // The rate over the last minute, or since the start when it began less than a minute ago.
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - RateWindow;
        var window = campaign.StartedUtc is { } started && started > since ? now - started : RateWindow;
        var recent = await db.Deliveries.AsNoTracking().CountAsync(d => d.CampaignId == campaignId && d.SentUtc >= since, cancellationToken);
        var perMinute = window > TimeSpan.Zero ? recent / window.TotalMinutes : 0;

        var remaining = Count(DeliveryStatus.Pending) + Count(DeliveryStatus.Sending) + Count(DeliveryStatus.FailedTemporary);
        TimeSpan? eta = campaign.Status == CampaignStatus.Sending && perMinute > 0 && remaining > 0 ? TimeSpan.FromMinutes(remaining / perMinute) : null;
        return new CampaignProgress(campaign.Status, total, Count(DeliveryStatus.Sent), Count(DeliveryStatus.FailedPermanent), Count(DeliveryStatus.FailedTemporary),
            Count(DeliveryStatus.Pending), Count(DeliveryStatus.Sending), Count(DeliveryStatus.Cancelled), Math.Round(perMinute), eta);
    }

    /// <summary>Recipients refused for good, then those waiting to be tried again, in delivery order.</summary>
    public IAsyncEnumerable<DeliveryFailure> FailuresAsync(int campaignId, int? take = null)
    {
        var query = db.Deliveries.AsNoTracking()
            .Where(d => d.CampaignId == campaignId && (d.Status == DeliveryStatus.FailedPermanent || d.Status == DeliveryStatus.FailedTemporary))
            .OrderBy(d => d.Status == DeliveryStatus.FailedPermanent ? 0 : 1).ThenBy(d => d.Id)
            .Join(db.People, d => d.PersonId, p => p.Id, (d, p) => new DeliveryFailure(p.PayNumber, p.GivenName + " " + p.FamilyName, p.Unit, p.Email, d.Status, d.Attempts, d.LastError, d.NextAttemptUtc));
        return (take is { } n ? query.Take(n) : query).AsAsyncEnumerable();
    }

    /// <summary>The campaign's texts the gateway refused or the network could not deliver, with their reasons, and those waiting to be tried again.</summary>
    public async Task<IReadOnlyList<TextFailure>> TextFailuresAsync(int campaignId, int take, CancellationToken cancellationToken = default) =>
        await db.TextMessages.AsNoTracking()
            .Where(t => t.CampaignId == campaignId && (t.Status == TextMessageStatus.Failed || t.Status == TextMessageStatus.WaitingToRetry))
            .OrderBy(t => t.Status == TextMessageStatus.Failed ? 0 : 1).ThenBy(t => t.Id)
            .Join(db.People, t => t.PersonId, p => p.Id, (t, p) => new TextFailure(p.PayNumber, p.GivenName + " " + p.FamilyName, p.Unit, t.Status, t.Attempts, t.LastError))
            .Take(take).ToListAsync(cancellationToken);

    /// <summary>
    /// Acknowledgements by unit, among the people the campaign was for (not cancelled before it reached them), and how
    /// many active people it went to have not confirmed (the follow-up's audience), in one pass over its delivery rows.
    /// </summary>
    public async Task<(IReadOnlyList<UnitAcknowledgement> ByUnit, int NotAcknowledged)> AcknowledgementsByUnitAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        var units = await (
            from d in db.Deliveries.AsNoTracking().Where(d => d.CampaignId == campaignId)
            join p in db.People.AsNoTracking() on d.PersonId equals p.Id
            join a in db.Acknowledgements.AsNoTracking().Where(a => a.CampaignId == campaignId) on d.PersonId equals a.PersonId into acknowledgements
            from a in acknowledgements.DefaultIfEmpty()
            group new { Reached = d.Status != DeliveryStatus.Cancelled, Confirmed = a != null, Active = p.Status == PersonStatus.Active } by p.Unit into g
            select new
            {
                Unit = g.Key,
                Recipients = g.Count(x => x.Reached),
                Confirmed = g.Count(x => x.Reached && x.Confirmed),
                NotConfirmed = g.Count(x => x.Active && !x.Confirmed),
            }).ToListAsync(cancellationToken);
        return ([.. units.Where(u => u.Recipients > 0).Select(u => new UnitAcknowledgement(u.Unit, u.Recipients, u.Confirmed))
            .OrderBy(u => u.Rate).ThenBy(u => u.Unit, StringComparer.Ordinal)], units.Sum(u => u.NotConfirmed));
    }

    /// <summary>How the people the campaign reached answered it, beyond confirming: support asked for, and something suspicious reported.</summary>
    public async Task<NoticeAnswers> AnswersAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        var counts = await db.SupportRequests.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .GroupBy(r => r.Type == SupportRequestType.SuspiciousReport).Select(g => new { Suspicious = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Suspicious, g => g.Count, cancellationToken);
        return new NoticeAnswers(counts.GetValueOrDefault(false), counts.GetValueOrDefault(true));
    }
}
