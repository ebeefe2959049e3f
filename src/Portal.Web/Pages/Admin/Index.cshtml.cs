using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.Incidents;

namespace Portal.Web.Pages.Admin;

/// <summary>
/// Administration's front page: for each incident still open, the steps of responding to it as a task list, each
/// step's state read from the data itself (people on record, people in the incident, the notice sent to them), so it
/// is right whichever way the data arrived.
/// </summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public const int MostIncidentsShown = 5;

    public enum TaskState
    {
        CannotStartYet,
        NotYetStarted,
        InProgress,
        Completed,
    }

    public sealed record IncidentTasks(int Id, string Reference, string Title, int People, TaskState Manifest, int? CampaignId, TaskState Warning, string? WarningHint);

    public int PeopleOnRecord { get; private set; }
    public IReadOnlyList<IncidentTasks> OpenIncidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PeopleOnRecord = await db.People.CountAsync(p => p.Status == PersonStatus.Active, cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed)
            .OrderByDescending(i => i.DiscoveredOn).ThenByDescending(i => i.Id)
            .Take(MostIncidentsShown)
            .WithPeople(db)
            .Select(x => new
            {
                x.Incident.Id,
                x.Incident.Reference,
                x.Incident.Title,
                x.People,
                ManifestUnderway = db.ImportRuns.Any(r => r.IncidentId == x.Incident.Id && r.Kind == ImportKind.Manifest &&
                    (r.Status == ImportRunStatus.Checking || r.Status == ImportRunStatus.Checked || r.Status == ImportRunStatus.Applying)),
                Campaign = db.NoticeCampaigns.Where(c => c.Audience == AudienceKind.Incident && c.AudienceIncidentId == x.Incident.Id && c.Status != CampaignStatus.Cancelled)
                    .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Status }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        OpenIncidents = [.. incidents.Select(i => new IncidentTasks(i.Id, i.Reference, i.Title, i.People,
            ManifestStep(i.People, i.ManifestUnderway, PeopleOnRecord), i.Campaign?.Id, WarningStep(i.People, i.Campaign?.Status),
            i.Campaign is null ? null : Campaigns.CampaignText.Describe(i.Campaign.Status)))];
    }

    /// <summary>Done once anyone is in the incident, whichever way they got there; it needs people on record to match.</summary>
    private static TaskState ManifestStep(int peopleInIncident, bool underway, int peopleOnRecord) =>
        peopleInIncident > 0 ? TaskState.Completed
        : underway ? TaskState.InProgress
        : peopleOnRecord == 0 ? TaskState.CannotStartYet
        : TaskState.NotYetStarted;

    /// <summary>Done when the latest notice to the people in it has been sent; it needs people in the incident to send to.</summary>
    private static TaskState WarningStep(int peopleInIncident, CampaignStatus? latestNotice) => latestNotice switch
    {
        CampaignStatus.Completed => TaskState.Completed,
        not null => TaskState.InProgress,
        null when peopleInIncident == 0 => TaskState.CannotStartYet,
        null => TaskState.NotYetStarted,
    };

    public static string Describe(TaskState state) => state switch
    {
        TaskState.CannotStartYet => "Cannot start yet",
        TaskState.NotYetStarted => "Not yet started",
        TaskState.InProgress => "In progress",
        _ => "Completed",
    };
}
