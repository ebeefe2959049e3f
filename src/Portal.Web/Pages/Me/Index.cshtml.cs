using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Guidance;
using Portal.Core.Notices;
using Portal.Core.Support;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Me;

/// <summary>"Am I affected?": for the signed-in person only, what each incident held about them and what it did not.</summary>
public sealed class IndexModel(PortalDbContext db, CurrentPerson currentPerson, IOptions<SupportOptions> support, MyNotices notices, StaffContentCache staffContent) : PageModel
{
    /// <summary>The newest notice sent to this person that they have not yet confirmed reading.</summary>
    public MyNotice? LatestUnread { get; private set; }

    public MyDetails Me { get; private set; } = null!;
    public IReadOnlyList<IncidentForMe> Incidents { get; private set; } = [];
    public IReadOnlyList<GuidanceRelevance.Candidate> GuidanceForMe { get; private set; } = [];
    public IReadOnlyList<IncidentForMe> AffectedBy => [.. Incidents.Where(i => i.Held != HeldFields.None)];
    public HeldFields HeldAnywhere => Incidents.Aggregate(HeldFields.None, (all, i) => all | i.Held);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Whose record is decided by the sign-in alone; nothing in the request can choose another person.
        if (await currentPerson.GetIdAsync(cancellationToken) is not { } personId)
        {
            return RedirectToPage("/Me/NoRecord");
        }

        // One round trip for the person, how many share their family name, and whether any notice was sent to them.
        var me = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new
            {
                Details = new MyDetails(p.GivenName, p.FamilyName, p.RankOrGrade, p.VettingLevel, p.SensitiveRole, db.People.Count(q => q.FamilyName == p.FamilyName)),
                Notified = db.Deliveries.Any(d => d.PersonId == p.Id && d.Status != DeliveryStatus.Cancelled),
            })
            .SingleAsync(cancellationToken);
        Me = me.Details;
        LatestUnread = me.Notified ? (await notices.ListAsync(personId, cancellationToken)).FirstOrDefault(n => n.AcknowledgedUtc is null) : null;

        var held = await db.Exposures.AsNoTracking().Where(e => e.PersonId == personId)
            .ToDictionaryAsync(e => e.IncidentId, e => e.Fields, cancellationToken);
        var shared = await staffContent.GetAsync(db, cancellationToken);
        Incidents = [.. shared.Incidents.Select(i => new IncidentForMe(i.Id, i.Reference, i.Title, i.Source, i.Summary, i.Status, i.OccurredOn, i.DiscoveredOn,
            i.NotIncluded, i.LatestUpdate, held.GetValueOrDefault(i.Id)))];
        GuidanceForMe = GuidanceRelevance.MostRelevant(shared.Guidance, HeldAnywhere, Me.SensitiveRole);
        return Page();
    }

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
        HeldFields.Name when Me.PeopleSharingFamilyName <= support.Value.RareNameThreshold =>
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

public sealed record MyDetails(string GivenName, string FamilyName, string RankOrGrade, VettingLevel VettingLevel, SensitiveRole SensitiveRole, int PeopleSharingFamilyName);

public sealed record IncidentUpdateView(DateTime PostedUtc, string Text);

public sealed record IncidentForMe(
    int Id, string Reference, string Title, string Source, string Summary, IncidentStatus Status, DateOnly OccurredOn, DateOnly DiscoveredOn,
    IReadOnlyList<string> NotIncluded, IncidentUpdateView? LatestUpdate, HeldFields Held)
{
    public bool InDataset => Held != HeldFields.None;
    public IEnumerable<DataField> FieldsHeld => DataFieldCatalogue.In(Held);
    public IEnumerable<DataField> FieldsNotHeld => DataFieldCatalogue.NotIn(Held);
}
