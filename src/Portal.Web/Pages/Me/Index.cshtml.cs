using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;
using Portal.Core.Notices;
using Portal.Core.People;
using Portal.Core.Support;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Me;

/// <summary>"Am I affected?": for the signed-in person only, what each incident held about them and what it did not.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(PortalDbContext db, CurrentPerson currentPerson, IOptions<SupportOptions> support, MyNotices notices, StaffContentCache staffContent, TimeProvider clock) : PageModel
{
    /// <summary>The newest notice sent to this person that they have not yet confirmed reading.</summary>
    public MyNotice? LatestUnread { get; private set; }

    public MyDetails Me { get; private set; } = null!;

    /// <summary>What changed about them since they last looked, incident by incident; empty when nothing did.</summary>
    public IReadOnlyList<ExposureDifference> Changes { get; private set; } = [];
    public IReadOnlyList<IncidentForMe> Incidents { get; private set; } = [];
    public IReadOnlyList<GuidanceRelevance.Candidate> GuidanceForMe { get; private set; } = [];
    public IReadOnlyList<IncidentForMe> AffectedBy => [.. Incidents.Where(i => i.Held != HeldFields.None)];
    public HeldFields HeldAnywhere => Incidents.Aggregate(HeldFields.None, (all, i) => all | i.Held);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Whose record is decided by the sign-in alone; nothing in the request can choose another person.
        var personId = currentPerson.Id;
        // One round trip for the person, whether few share their family name, whether any notice was sent to them, and
        // what each incident held about them.
        var me = await MeQuery(db, personId, support.Value.RareNameThreshold + 1, cancellationToken);
        Me = me.Details;
        LatestUnread = me.Notified ? (await notices.ListAsync(personId, cancellationToken)).FirstOrDefault(n => n.AcknowledgedUtc is null) : null;
        var held = me.Held.ToDictionary(h => h.IncidentId, h => h.Fields);

        var shared = await staffContent.GetAsync(db, cancellationToken);
        Incidents = [.. shared.Incidents.Select(i => new IncidentForMe(i.Id, i.Reference, i.Title, i.Source, i.Summary, i.Status, i.OccurredOn, i.DiscoveredOn,
            i.NotIncluded, i.LatestUpdate, held.GetValueOrDefault(i.Id), i.FieldStatuses))];
        GuidanceForMe = GuidanceRelevance.MostRelevant(shared.Guidance, HeldAnywhere, Me.SensitiveRole);
        Changes = await ChangesSinceLastLookAsync(personId, me, held, cancellationToken);
        return Page();
    }

    /// <summary>"I have seen what changed": the changes stop being shown as new.</summary>
    public async Task<IActionResult> OnPostSeenAsync(CancellationToken cancellationToken)
    {
        var personId = currentPerson.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.ExposureViews.Where(v => v.PersonId == personId).ExecuteUpdateAsync(set => set.SetProperty(v => v.SeenUtc, now), cancellationToken) == 0)
        {
            await MarkFirstLookAsync(personId, now, cancellationToken);
        }

        return RedirectToPage();
    }

    /// <summary>
    /// What imports changed about this person since they last marked it seen, incident by incident, as the difference
    /// between then and now. A person's first look is only recorded: everything is new to them then.
    /// </summary>
    private async Task<IReadOnlyList<ExposureDifference>> ChangesSinceLastLookAsync(int personId, PersonForPage me, Dictionary<int, HeldFields> held, CancellationToken cancellationToken)
    {
        // The last line of their history: a change an import recorded, or an incident's first listing of them, which its
        // exposure row keeps (see ExposureHistory).
        var lastChanged = me.Held.Select(h => h.ListedUtc).Append(me.LastChangedUtc).Max();
        if (lastChanged is null)
        {
            return [];
        }

        if (me.SeenUtc is not { } seen)
        {
            await MarkFirstLookAsync(personId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return [];
        }

        if (lastChanged <= seen)
        {
            return [];
        }

        var changes = await ExposureHistory.Lines(db).Where(c => c.PersonId == personId && c.ChangedUtc > seen)
            .OrderBy(c => c.ChangedUtc).ThenBy(c => c.IncidentId).ToListAsync(cancellationToken);
        return [.. changes.GroupBy(c => c.IncidentId).Select(g =>
        {
            // Walk back from what is held now to what was held when they last looked.
            var now = held.GetValueOrDefault(g.Key);
            var then = g.Reverse().Aggregate(now, (fields, c) => (fields & ~c.Added) | c.Removed);
            return new ExposureDifference(g.Key, Incidents.FirstOrDefault(i => i.Id == g.Key)?.Title ?? "An incident", now & ~then, then & ~now, g.Max(c => c.ChangedUtc));
        }).Where(d => d.Added != HeldFields.None || d.Removed != HeldFields.None)];
    }

    private async Task MarkFirstLookAsync(int personId, DateTime now, CancellationToken cancellationToken)
    {
        db.ExposureViews.Add(new ExposureView { PersonId = personId, SeenUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Looked at twice at once: the other look recorded it.
            db.ChangeTracker.Clear();
        }
    }

    // The query every visit runs, compiled once: the busiest page skips translating it again on each request.
    // Whether a family name is rare is found by counting no further than one past the threshold: 2,600 people in the
    // force may share the commonest name, and counting them all on each visit was most of the page's database time.
    private static readonly Func<PortalDbContext, int, int, CancellationToken, Task<PersonForPage>> MeQuery = EF.CompileAsyncQuery(
        (PortalDbContext db, int personId, int moreThanRare, CancellationToken _) => db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new PersonForPage(
                new MyDetails(p.GivenName, p.FamilyName, p.RankOrGrade, p.VettingLevel, p.SensitiveRole,
                    db.People.Where(q => q.FamilyName == p.FamilyName).Take(moreThanRare).Count() < moreThanRare),
                db.Deliveries.Any(d => d.PersonId == p.Id && d.Status != DeliveryStatus.Cancelled),
                db.Exposures.Where(e => e.PersonId == p.Id).Select(e => new HeldByIncident(e.IncidentId, e.Fields, e.ListedUtc)).ToList(),
                db.ExposureViews.Where(v => v.PersonId == p.Id).Select(v => (DateTime?)v.SeenUtc).FirstOrDefault(),
                db.ExposureChanges.Where(c => c.PersonId == p.Id).Max(c => (DateTime?)c.ChangedUtc)))
            .Single());

    private sealed record PersonForPage(MyDetails Details, bool Notified, List<HeldByIncident> Held, DateTime? SeenUtc, DateTime? LastChangedUtc);

    private sealed record HeldByIncident(int IncidentId, HeldFields Fields, DateTime? ListedUtc);

    /// <summary>Why a held field matters for this person in particular, where their role or name makes it matter more.</summary>
    public string? PersonalNote(DataField field) => field.Flag switch
    {
        HeldFields.Photo when Me.SensitiveRole != SensitiveRole.None =>
            $"Because you work in {RoleWords(Me.SensitiveRole)}, your photo is the detail that matters most. Speak to your handler or line manager today.",
        HeldFields.Unit when Me.SensitiveRole != SensitiveRole.None =>
            $"Your unit shows that you work in {RoleWords(Me.SensitiveRole)}.",
        HeldFields.VettingLevel when Me.VettingLevel is VettingLevel.SC or VettingLevel.DV =>
            $"Your vetting level is {Me.VettingLevel}, which shows you may have access to sensitive information.",
        // The same rule that raises a support request's priority: a name few share is easy to search for.
        HeldFields.Name when Me.RareFamilyName =>
            "Few people in the force share your family name, so a search for your name is more likely to find you.",
        _ => null,
    };

    public static string RoleWords(SensitiveRole role) => role switch
    {
        SensitiveRole.Covert => "a covert role",
        SensitiveRole.Protection => "a protection role",
        SensitiveRole.CounterTerrorism => "counter-terrorism",
        _ => "your role",
    };

    public static string StatusTagClass(IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => "govuk-tag--yellow",
        IncidentStatus.Confirmed => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}

/// <param name="RareFamilyName">No more people in the force share the family name than <see cref="SupportOptions.RareNameThreshold"/>.</param>
/// <summary>For one incident, the fields held now that were not when the person last looked, and those no longer held.</summary>
public sealed record ExposureDifference(int IncidentId, string Incident, HeldFields Added, HeldFields Removed, DateTime ChangedUtc);

public sealed record MyDetails(string GivenName, string FamilyName, string RankOrGrade, VettingLevel VettingLevel, SensitiveRole SensitiveRole, bool RareFamilyName);

public sealed record IncidentUpdateView(DateTime PostedUtc, string Text);

public sealed record IncidentForMe(
    int Id, string Reference, string Title, string Source, string Summary, IncidentStatus Status, DateOnly OccurredOn, DateOnly DiscoveredOn,
    IReadOnlyList<string> NotIncluded, IncidentUpdateView? LatestUpdate, HeldFields Held, IReadOnlyList<IncidentFieldStatus> FieldStatuses)
{
    /// <summary>The field's latest status in this incident, with when and why; null when none is recorded.</summary>
    public IncidentFieldStatus? StatusOf(DataField field) => FieldStatuses.LastOrDefault(s => s.Field == field.Flag);

    public bool InDataset => Held != HeldFields.None;
    public IEnumerable<DataField> FieldsHeld => DataFieldCatalogue.In(Held);
    public IEnumerable<DataField> FieldsNotHeld => DataFieldCatalogue.NotIn(Held);
}
