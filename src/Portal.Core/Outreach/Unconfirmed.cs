using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Outreach;

/// <summary>
/// Who has still not confirmed reading: for a campaign, the active people it was sent to (a confirmation of a reminder
/// that followed it up counts); for an incident, the active people it exposed, whether or not a notice has reached
/// them yet (confirming any of the incident's notices counts). Counts by unit and work location for everyone; names only
/// for administrators, and every look at them is audited. Nothing here says what was held about anyone.
/// </summary>
public sealed class Unconfirmed(PortalDbContext db, AuditLog audit)
{
    public const int PageSize = 50;

    /// <summary>Counts by unit and work location, lowest confirmation rate first.</summary>
    public async Task<IReadOnlyList<UnconfirmedGroup>> GroupsAsync(OutreachScope scope, CancellationToken cancellationToken = default)
    {
        var acknowledgements = Acknowledgements(scope);
        var groups = await InScope(scope)
            .Select(p => new { p.Unit, p.WorkLocation, Confirmed = acknowledgements.Any(a => a.PersonId == p.Id) })
            .GroupBy(p => new { p.Unit, p.WorkLocation })
            .Select(g => new { g.Key.Unit, g.Key.WorkLocation, People = g.Count(), Confirmed = g.Count(p => p.Confirmed) })
            .ToListAsync(cancellationToken);
        return groups.Select(g => new UnconfirmedGroup(g.Unit, g.WorkLocation, g.People, g.Confirmed))
            .OrderBy(g => g.Rate).ThenBy(g => g.Unit, StringComparer.Ordinal).ThenBy(g => g.WorkLocation, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One page of the people who have not confirmed, in a unit and work location when given; audited, as it names them.
    /// <paramref name="groups"/>, when the caller has them, give the number of pages without counting everyone again.
    /// </summary>
    public async Task<UnconfirmedPage> PageAsync(Actor actor, OutreachScope scope, string? unit, string? workLocation, int pageNumber,
        IReadOnlyList<UnconfirmedGroup>? groups = null, CancellationToken cancellationToken = default)
    {
        var query = People(scope, unit, workLocation);
        var total = groups is null ? await query.CountAsync(cancellationToken)
            : groups.Where(g => (string.IsNullOrEmpty(unit) || g.Unit == unit) && (string.IsNullOrEmpty(workLocation) || g.WorkLocation == workLocation)).Sum(g => g.People - g.Confirmed);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        // The page is chosen first and only its people's last message looked up: asked of every row before the sort,
        // that lookup was most of the page's time, and grew faster than the number of people.
        var people = await Named(scope, query.Skip((pageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.UnconfirmedViewed, null, scope.Target, Describe(unit, workLocation, $"page {pageNumber} of {pages}, {people.Count} named"), cancellationToken);
        return new UnconfirmedPage(people, total, pageNumber, PageSize);
    }

    /// <summary>
    /// Everyone in a unit (or, with no unit, everyone) who has not confirmed, in the order a briefing takes them; the
    /// reading is audited first, as <paramref name="action"/> (a printed briefing sheet or a download).
    /// </summary>
    public async Task<IAsyncEnumerable<UnconfirmedPerson>> ListAsync(Actor actor, string action, OutreachScope scope, string? unit, CancellationToken cancellationToken = default)
    {
        var query = People(scope, unit, null);
        await audit.RecordAsync(actor, action, null, scope.Target, Describe(unit, null, $"{await query.CountAsync(cancellationToken)} named"), cancellationToken);
        return Named(scope, query).AsAsyncEnumerable();
    }

    /// <summary>The people in scope who have not confirmed, in the order a briefing takes them.</summary>
    private IQueryable<Person> People(OutreachScope scope, string? unit, string? workLocation)
    {
        var acknowledgements = Acknowledgements(scope);
        var people = InScope(scope).Where(p => !acknowledgements.Any(a => a.PersonId == p.Id));
        if (!string.IsNullOrEmpty(unit))
        {
            people = people.Where(p => p.Unit == unit);
        }

        if (!string.IsNullOrEmpty(workLocation))
        {
            people = people.Where(p => p.WorkLocation == workLocation);
        }

        return InBriefingOrder(people);
    }

    /// <summary>The order a briefing takes people in: by unit, work location and name.</summary>
    private static IOrderedQueryable<Person> InBriefingOrder(IQueryable<Person> people) =>
        people.OrderBy(p => p.Unit).ThenBy(p => p.WorkLocation).ThenBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.PayNumber);

    /// <summary>
    /// What is shown of each person, with when the last message reached them. A page taken with Skip and Take is a
    /// subquery here, whose order SQL does not keep, so the order is given again.
    /// </summary>
    private IQueryable<UnconfirmedPerson> Named(OutreachScope scope, IQueryable<Person> people)
    {
        var deliveries = Deliveries(scope);
        return InBriefingOrder(people)
            .Select(p => new UnconfirmedPerson(p.GivenName + " " + p.FamilyName, p.RankOrGrade, p.PayNumber, p.Unit, p.WorkLocation,
                deliveries.Where(d => d.PersonId == p.Id).Max(d => d.SentUtc)));
    }

    /// <summary>The active people in scope.</summary>
    private IQueryable<Person> InScope(OutreachScope scope)
    {
        var active = db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Active);
        if (scope.Kind == OutreachScopeKind.Incident)
        {
            return active.Where(p => db.Exposures.Any(e => e.IncidentId == scope.Id && e.PersonId == p.Id));
        }

        var deliveries = Deliveries(scope);
        return active.Where(p => deliveries.Any(d => d.PersonId == p.Id));
    }

    /// <summary>The campaigns whose confirmation counts: the campaign and its reminders, or every campaign about the incident.</summary>
    private IQueryable<int> Campaigns(OutreachScope scope) => scope.Kind == OutreachScopeKind.Campaign
        ? db.NoticeCampaigns.Where(c => c.Id == scope.Id || c.AudienceCampaignId == scope.Id).Select(c => c.Id)
        : db.NoticeCampaigns.Where(c => c.IncidentId == scope.Id || c.AudienceIncidentId == scope.Id).Select(c => c.Id);

    private IQueryable<Acknowledgement> Acknowledgements(OutreachScope scope)
    {
        var campaigns = Campaigns(scope);
        return db.Acknowledgements.Where(a => campaigns.Contains(a.CampaignId));
    }

    /// <summary>Deliveries that reached (or are reaching) someone: for a campaign its own, for an incident any of its campaigns'.</summary>
    private IQueryable<Delivery> Deliveries(OutreachScope scope)
    {
        if (scope.Kind == OutreachScopeKind.Campaign)
        {
            return db.Deliveries.Where(d => d.CampaignId == scope.Id && d.Status != DeliveryStatus.Cancelled);
        }

        var campaigns = Campaigns(scope);
        return db.Deliveries.Where(d => campaigns.Contains(d.CampaignId) && d.Status != DeliveryStatus.Cancelled);
    }

    private static string Describe(string? unit, string? workLocation, string what) =>
        (string.IsNullOrEmpty(unit) ? "all units" : "unit " + unit) + (string.IsNullOrEmpty(workLocation) ? "" : ", at " + workLocation) + ": " + what;
}
