using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Welfare;

/// <summary>
/// The welfare queue: filtered, sorted and paged (never an unbounded list), with counts at the top. Requests
/// from people in sensitive roles appear only for welfare leads.
/// </summary>
[NeedsPersonRecord]
public sealed class IndexModel(PortalDbContext db, WelfareUsers welfareUsers, RequestsPerDay perDay, IOptions<SupportOptions> support, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    private const string BulkKey = "WelfareBulk";
    public const int DaysCharted = 14;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public QueueCounts Counts { get; private set; } = null!;
    public IReadOnlyList<(DateOnly Day, int Requests)> PerDay { get; private set; } = [];
    public DateTime Now { get; private set; }
    /// <summary>How near "due soon" is, as the filter says it: "4 hours", "30 minutes".</summary>
    public string DueSoonWithin => support.Value.DueSoonWithin is var within && within.TotalHours >= 1
        ? $"{within.TotalHours:0.#} hours"
        : $"{within.TotalMinutes:0} minutes";

    /// <summary>What to do with the requests chosen on the page.</summary>
    [BindProperty]
    public BulkInput Bulk { get; set; } = new();

    /// <summary>What the last action on many requests did, shown once after it.</summary>
    public BulkOutcome? BulkDone { get; private set; }

    /// <summary>A refusal of the whole action (nothing chosen, nothing to do), shown once after it.</summary>
    public string? BulkRefused { get; private set; }

    /// <summary>The colleagues requests can be given to, and the saved replies, for the actions on many requests.</summary>
    public IReadOnlyList<(int PersonId, string Name, bool IsLead)> Team { get; private set; } = [];
    public IReadOnlyList<SavedReply> Replies { get; private set; } = [];
    public bool IsLead { get; private set; }

    /// <summary>How many alerts the officer was given in the last 24 hours.</summary>
    public int AlertsToday { get; private set; }
    public int MyPersonId { get; private set; }

    /// <summary>
    /// One action on every request chosen: each is changed on its own with the version shown on the page, so those a
    /// colleague changed meanwhile are skipped and listed. Then back to the same view of the queue, which says what happened.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync([FromServices] SupportBulk bulk, CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        var actor = new BulkActor(me.Actor, me.IsLead);
        var items = Bulk.Selected.Select(value => BulkItem.TryParse(value, out var item) ? item : (BulkItem?)null).OfType<BulkItem>().ToList();
        try
        {
            var outcome = Bulk.Action switch
            {
                BulkInput.Assign => await bulk.AssignAsync(actor, items, Bulk.AssignTo switch
                {
                    BulkInput.NoOne => null,
                    { } id when int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var personId) => personId,
                    _ => throw new RefusedException("Choose who to assign the requests to."),
                }, cancellationToken),
                BulkInput.Move => await bulk.ChangeStatusAsync(actor, items, Bulk.Status ?? throw new RefusedException("Choose what to move the requests to."), cancellationToken),
                BulkInput.Reply => await bulk.SendReplyAsync(actor, items, Bulk.ReplyId ?? throw new RefusedException("Choose the saved reply to send."), cancellationToken),
                _ => throw new RefusedException("Choose what to do with the requests."),
            };
            TempData[BulkKey] = System.Text.Json.JsonSerializer.Serialize(outcome);
        }
        catch (RefusedException refused)
        {
            TempData[BulkKey + "Refused"] = refused.Message;
        }

        return Redirect(Link(_ => { }));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        (IsLead, MyPersonId) = (me.IsLead, me.PersonId);
        Now = clock.GetUtcNow().UtcDateTime;
        if (TempData[BulkKey] is string done)
        {
            BulkDone = System.Text.Json.JsonSerializer.Deserialize<BulkOutcome>(done);
        }

        BulkRefused = TempData[BulkKey + "Refused"] as string;
        var dayAgo = Now.AddDays(-1);
        AlertsToday = await db.WelfareAlerts.CountAsync(a => a.PersonId == me.PersonId && a.CreatedUtc >= dayAgo, cancellationToken);
        Team = [.. (await db.WelfareTeamMembers.AsNoTracking().Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.GivenName, p.FamilyName, m.IsLead })
            .ToListAsync(cancellationToken)).Select(t => (t.Id, t.GivenName + " " + t.FamilyName, t.IsLead)).OrderBy(t => t.Item2, StringComparer.Ordinal)];
        Replies = await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ToListAsync(cancellationToken);
        // Unreadable filter values fall back to their defaults rather than failing.
        ModelState.Clear();
        var now = Now;
        var visible = db.SupportRequests.AsNoTracking().Where(r => !r.Restricted || me.IsLead);
        var open = visible.Where(r => r.IsOpen);

        // One pass over the open requests gives every count at the top.
        var byType = await open.GroupBy(r => r.Type).Select(g => new
        {
            Type = g.Key,
            Open = g.Count(),
            New = g.Count(r => r.Status == SupportRequestStatus.New),
            Unassigned = g.Count(r => r.AssignedToPersonId == null),
            Overdue = g.Count(r => (r.SlaPausedAtUtc == null && r.DueUtc < now) || (r.FirstContactUtc == null && r.FirstContactDueUtc < now)),
            Mine = g.Count(r => r.AssignedToPersonId == me.PersonId),
        }).ToListAsync(cancellationToken);
        Counts = new QueueCounts(
            byType.Sum(t => t.New), byType.Sum(t => t.Unassigned), byType.Sum(t => t.Overdue), byType.Sum(t => t.Mine),
            byType.OrderByDescending(t => t.Open).Select(t => (t.Type, t.Open)).ToList());

        PerDay = await perDay.CountAsync(visible, me.IsLead, DaysCharted, cancellationToken);

        var query = Filter.Status switch
        {
            QueueFilter.AllStatuses => visible,
            { } name when Enum.TryParse<SupportRequestStatus>(name, out var status) => visible.Where(r => r.Status == status),
            _ => open,
        };
        if (Filter.Type is { } type)
        {
            query = query.Where(r => r.Type == type);
        }

        if (Filter.Priority is { } priority)
        {
            query = query.Where(r => r.Priority == priority);
        }

        if (Filter.Assignee is { } assignee)
        {
            query = query.Where(r => r.AssignedToPersonId == assignee);
        }

        query = Filter.Assigned switch
        {
            QueueFilter.AssignedToMe => query.Where(r => r.AssignedToPersonId == me.PersonId),
            QueueFilter.Unassigned => query.Where(r => r.AssignedToPersonId == null),
            _ => query,
        };
        if (Filter.DueSoon)
        {
            // A target not yet missed that falls due within Support:DueSoonWithin: first contact, or resolution unless paused.
            var soon = now + support.Value.DueSoonWithin;
            query = query.Where(r => r.IsOpen
                && ((r.FirstContactUtc == null && r.FirstContactDueUtc >= now && r.FirstContactDueUtc < soon) || (r.SlaPausedAtUtc == null && r.DueUtc >= now && r.DueUtc < soon)));
        }

        if (Filter.Assessment == QueueFilter.AwaitingAssessment)
        {
            var needed = ThreatAssessments.Needed;
            query = query.Where(r => r.IsOpen && needed.Contains(r.Type) && !db.ThreatAssessments.Any(a => a.SupportRequestId == r.Id));
        }
        else if (Filter.Assessment == QueueFilter.ReviewDue)
        {
            var today = Portal.Core.Text.UkTime.DateOf(now);
            query = query.Where(r => r.IsOpen && db.ThreatAssessments.Any(a => a.SupportRequestId == r.Id && a.ReviewOn <= today));
        }

        if (Filter.Overdue)
        {
            query = query.Where(r => r.IsOpen && ((r.SlaPausedAtUtc == null && r.DueUtc < now) || (r.FirstContactUtc == null && r.FirstContactDueUtc < now)));
        }

        query = Filter.Sort switch
        {
            // The next target: first contact while nobody has reached the person and it comes first, else resolution.
            QueueFilter.SortDue => query.OrderBy(r => r.FirstContactUtc == null && r.FirstContactDueUtc != null && r.FirstContactDueUtc < r.DueUtc ? r.FirstContactDueUtc : (DateTime?)r.DueUtc)
                .ThenBy(r => r.Id),
            QueueFilter.SortNewest => query.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id),
            QueueFilter.SortOldest => query.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id),
            _ => query.OrderBy(r => r.Priority).ThenBy(r => r.DueUtc).ThenBy(r => r.Id),
        };

        // The open queue unfiltered is the sum of the counts already made: not counted twice.
        var unfiltered = Filter.Status is null or "" && Filter.Type is null && Filter.Priority is null && Filter.Assignee is null
            && Filter.Assigned is not (QueueFilter.AssignedToMe or QueueFilter.Unassigned) && !Filter.DueSoon && !Filter.Overdue
            && Filter.Assessment is not (QueueFilter.AwaitingAssessment or QueueFilter.ReviewDue);
        Total = unfiltered ? byType.Sum(t => t.Open) : await query.CountAsync(cancellationToken);
        Filter.Page = Math.Clamp(Filter.Page, 1, Pages);
        // The page's ids come from the index alone; only those fifty rows are then read whole.
        var ids = await query.Skip((Filter.Page - 1) * PageSize).Take(PageSize).Select(r => r.Id).ToListAsync(cancellationToken);
        var rows = await db.SupportRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new QueueRow(
                r.Id, r.Version, r.Priority, r.PriorityReasons, r.PriorityOverride != null, r.Type, r.Status, r.CreatedUtc, r.DueUtc, r.SlaPausedAtUtc != null, r.Restricted,
                r.FirstContactUtc == null ? r.FirstContactDueUtc : null,
                db.People.Where(p => p.Id == r.PersonId).Select(p => p.GivenName + " " + p.FamilyName).First(),
                db.People.Where(p => p.Id == r.AssignedToPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        Rows = [.. rows.OrderBy(r => order[r.Id])];
        return Page();
    }

    /// <summary>Where the actions on many requests post: this view of the queue, to come back to.</summary>
    public string BulkAddress => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Link(_ => { }), "handler", "Bulk");

    /// <summary>The address of this queue with one filter value changed (and paging restarted unless it is the page).</summary>
    public string Link(Action<QueueFilter> change)
    {
        var filter = Filter with { };
        change(filter);
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Status,
            ["type"] = filter.Type?.ToString(),
            ["priority"] = filter.Priority?.ToString(),
            ["assigned"] = filter.Assigned,
            ["overdue"] = filter.Overdue ? "true" : null,
            ["soon"] = filter.DueSoon ? "true" : null,
            ["assessment"] = filter.Assessment,
            ["assignee"] = filter.Assignee?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = filter.Sort,
            ["page"] = filter.Page > 1 ? filter.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/welfare", query.Where(kv => kv.Value is not null)!);
    }
}

public sealed record QueueFilter
{
    public const string AllStatuses = "all", AssignedToMe = "me", Unassigned = "unassigned", SortDue = "due", SortNewest = "newest", SortOldest = "oldest";
    public const string AwaitingAssessment = "awaiting", ReviewDue = "review";

    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "type")] public SupportRequestType? Type { get; set; }
    [FromQuery(Name = "priority")] public Priority? Priority { get; set; }
    [FromQuery(Name = "assigned")] public string? Assigned { get; set; }
    [FromQuery(Name = "overdue")] public bool Overdue { get; set; }
    [FromQuery(Name = "soon")] public bool DueSoon { get; set; }
    [FromQuery(Name = "assignee")] public int? Assignee { get; set; }
    [FromQuery(Name = "assessment")] public string? Assessment { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int Page { get; set; } = 1;
}

public sealed record QueueCounts(int New, int Unassigned, int Overdue, int AssignedToMe, IReadOnlyList<(SupportRequestType Type, int Count)> OpenByType);

/// <summary>The form of the actions on many requests: the chosen "id:version" pairs and what to do with them.</summary>
public sealed class BulkInput
{
    public const string Assign = "assign", Move = "status", Reply = "reply", NoOne = "none";

    public List<string> Selected { get; set; } = [];
    public string? Action { get; set; }
    public string? AssignTo { get; set; }
    public SupportRequestStatus? Status { get; set; }
    public int? ReplyId { get; set; }
}

public sealed record QueueRow(
    int Id, int Version, Priority Priority, List<string> Reasons, bool Overridden, SupportRequestType Type, SupportRequestStatus Status, DateTime CreatedUtc, DateTime DueUtc,
    bool SlaPaused, bool Restricted, DateTime? FirstContactDueUtc, string Requester, string? AssignedTo)
{
    public string Reference => SupportReference.Format(Id);
}
