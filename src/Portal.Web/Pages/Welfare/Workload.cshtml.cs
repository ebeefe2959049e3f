using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Welfare;

/// <summary>
/// Each welfare officer's open requests, those due soon and those overdue, and the unassigned, counted in one grouped
/// pass; each count opens the queue filtered to it. Restricted requests count only for welfare leads, as in the queue.
/// </summary>
[NeedsPersonRecord]
public sealed class WorkloadModel(PortalDbContext db, WelfareUsers welfareUsers, IOptions<SupportOptions> support, TimeProvider clock) : PageModel
{
    public IReadOnlyList<WorkloadRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + support.Value.DueSoonWithin;
        var counts = await db.SupportRequests.AsNoTracking().Where(r => (!r.Restricted || me.IsLead) && r.IsOpen)
            .GroupBy(r => r.AssignedToPersonId)
            .Select(g => new
            {
                PersonId = g.Key,
                Open = g.Count(),
                DueSoon = g.Count(r => (r.FirstContactUtc == null && r.FirstContactDueUtc >= now && r.FirstContactDueUtc < soon) || (r.SlaPausedAtUtc == null && r.DueUtc >= now && r.DueUtc < soon)),
                Overdue = g.Count(r => (r.SlaPausedAtUtc == null && r.DueUtc < now) || (r.FirstContactUtc == null && r.FirstContactDueUtc < now)),
            }).ToListAsync(cancellationToken);
        var team = await db.WelfareTeamMembers.AsNoTracking().Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, Name = p.GivenName + " " + p.FamilyName, m.IsLead })
            .ToListAsync(cancellationToken);
        var assignees = counts.Where(c => c.PersonId is not null).Select(c => c.PersonId!.Value).Except(team.Select(t => t.Id)).ToList();
        var others = await db.People.AsNoTracking().Where(p => assignees.Contains(p.Id)).Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName }).ToListAsync(cancellationToken);

        var rows = team.Select(t => (t.Id, t.Name, t.IsLead)).Concat(others.Select(o => (o.Id, o.Name, IsLead: false)))
            .Select(t => counts.FirstOrDefault(c => c.PersonId == t.Id) is { } c
                ? new WorkloadRow(t.Id, t.Name, t.IsLead, c.Open, c.DueSoon, c.Overdue)
                : new WorkloadRow(t.Id, t.Name, t.IsLead, 0, 0, 0))
            .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Open).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var unassigned = counts.FirstOrDefault(c => c.PersonId is null);
        rows.Add(new WorkloadRow(null, "Unassigned", false, unassigned?.Open ?? 0, unassigned?.DueSoon ?? 0, unassigned?.Overdue ?? 0));
        Rows = rows;
    }

    /// <summary>The queue filtered to one officer's (or the unassigned) requests, and to those due soon or overdue.</summary>
    public static string QueueLink(int? personId, string? also = null) =>
        (personId is { } id ? $"/welfare?assignee={id}" : "/welfare?assigned=unassigned") + (also is null ? "" : "&" + also);
}

public sealed record WorkloadRow(int? PersonId, string Name, bool IsLead, int Open, int DueSoon, int Overdue);
