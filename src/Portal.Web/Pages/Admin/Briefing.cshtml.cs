using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Outreach;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Pages.Admin;

/// <summary>
/// A unit's briefing sheet: its people who have not confirmed a campaign (or any notice about an incident), by work
/// location, for the unit's commander to brief in person; and the same people as a spreadsheet-safe CSV. Both name
/// people, so both are audited; neither says what was held about anyone.
/// </summary>
public sealed class BriefingModel(PortalDbContext db, Administrators administrators, Unconfirmed unconfirmed, IOptions<NoticeOptions> notices, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Kind { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    /// <summary>What the people are asked to read: the notice's subject, or the incident.</summary>
    public string About { get; private set; } = string.Empty;

    public string PortalUrl => notices.Value.PortalUrl.TrimEnd('/');

    public DateTime MadeUtc { get; private set; }

    public OutreachScope Scope => Kind == "campaigns" ? OutreachScope.Campaign(Id) : OutreachScope.Incident(Id);

    public string ListPage => Scope.Kind == OutreachScopeKind.Campaign ? "/Admin/Campaigns/Unconfirmed" : "/Admin/Incidents/Unconfirmed";

    public IReadOnlyList<UnconfirmedPerson> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await AboutAsync(cancellationToken) is not { } about)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Unit))
        {
            return RedirectToPage(ListPage, new { id = Id });
        }

        About = about;
        MadeUtc = clock.GetUtcNow().UtcDateTime;
        var admin = await administrators.GetAsync(cancellationToken);
        var people = new List<UnconfirmedPerson>();
        await foreach (var person in (await unconfirmed.ListAsync(admin.Actor, AuditActions.BriefingSheetOpened, Scope, Unit, cancellationToken)).WithCancellation(cancellationToken))
        {
            people.Add(person);
        }

        People = people;
        return Page();
    }

    /// <summary>The unit's people who have not confirmed (everyone's, with no unit) as a spreadsheet-safe CSV.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (await AboutAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        var people = await unconfirmed.ListAsync(admin.Actor, AuditActions.UnconfirmedExported, Scope, Unit, cancellationToken);
        var name = $"{Kind.TrimEnd('s')}-{Id}-not-confirmed{(string.IsNullOrEmpty(Unit) ? "" : "-" + FileNamePart(Unit))}.csv";
        await SpreadsheetCsv.WriteAsync(Response, name, ["name", "rank_or_grade", "pay_number", "unit", "work_location"], people,
            (csv, p) =>
            {
                csv.WriteField(p.Name);
                csv.WriteField(p.RankOrGrade);
                csv.WriteField(p.PayNumber);
                csv.WriteField(p.Unit);
                csv.WriteField(p.WorkLocation);
            },
            cancellationToken);
        return new EmptyResult();
    }

    private Task<string?> AboutAsync(CancellationToken cancellationToken) => Scope.Kind == OutreachScopeKind.Campaign
        ? db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == Id).Select(c => "the notice \u201C" + c.Subject + "\u201D").SingleOrDefaultAsync(cancellationToken)
        : db.Incidents.AsNoTracking().Where(i => i.Id == Id).Select(i => "any notice about " + i.Reference + ": " + i.Title).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A unit's name as part of a file name: letters and digits, the rest as hyphens.</summary>
    private static string FileNamePart(string unit) =>
        string.Join('-', new string([.. unit.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
