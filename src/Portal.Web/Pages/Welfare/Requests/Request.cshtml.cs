using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Welfare.Requests;

/// <summary>
/// One request, for the welfare team: who asked, what was held about them, why it has its priority, and every action.
/// Each view is audited; restricted requests open only for welfare leads, checked on GET and on every POST.
/// </summary>
[NeedsPersonRecord]
public sealed class RequestModel(
    PortalDbContext db, WelfareUsers welfareUsers, IAuthorizationService authorization, SupportRequests requests, SavedReplies savedReplies, ThreatAssessments assessments,
    AuditLog audit, TimeProvider clock)
    : PageModel
{
    private const string FlashKey = "WelfareFlash";

    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    [BindProperty]
    public WelfareActionInput Input { get; set; } = new();

    /// <summary>The threat assessment form: the current assessment, or on a first one the factors the portal already knows.</summary>
    [BindProperty]
    public AssessmentForm Assessment { get; set; } = new();

    /// <summary>The assessment as recorded; null until the first is.</summary>
    public ThreatAssessment? CurrentAssessment { get; private set; }

    public WelfareRequestView View { get; private set; } = null!;
    public string? Flash { get; private set; }
    public DateTime Now { get; private set; }
    public int MyPersonId { get; private set; }

    /// <summary>The team's saved replies, to start a message from.</summary>
    public IReadOnlyList<SavedReply> Replies { get; private set; } = [];

    /// <summary>Shows the request; with <paramref name="reply"/>, its message box starts from that saved reply, filled in for this requester.</summary>
    public async Task<IActionResult> OnGetAsync(int? reply, CancellationToken cancellationToken)
    {
        var (me, resource, refusal) = await AuthorizeAsync(cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var shown = await ShowAsync(me, resource!, cancellationToken);
        if (reply is { } id && Replies.FirstOrDefault(r => r.Id == id) is { } chosen)
        {
            var givenName = await db.People.AsNoTracking().Where(p => p.Id == resource!.RequesterPersonId).Select(p => p.GivenName).SingleAsync(cancellationToken);
            Input.Message = SavedReplies.Fill(chosen.Body, givenName, Reference);
            Input.ReplyId = id;
        }

        return shown;
    }

    /// <summary>Shows the request: every time it is shown, on a GET or again after a refused change, is a recorded view.</summary>
    private async Task<IActionResult> ShowAsync(WelfareUser me, SupportRequestResource resource, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(me.Actor, AuditActions.SupportRequestViewed, resource.RequesterPersonId, Reference, cancellationToken: cancellationToken);
        await LoadAsync(resource.Id, cancellationToken);
        return Page();
    }

    [ChecksFormVersion("Input.Version")]
    public Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.Status", (me, request) => Input.Status is { } to
            ? requests.ChangeStatusAsync(me.PersonId, request.Id, Input.Version, to, cancellationToken)
            : throw new RefusedException("Choose what to move the request to"), "Status updated", cancellationToken);

    [ChecksFormVersion("Input.Version")]
    public Task<IActionResult> OnPostTakeAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.AssigneePersonId", (me, request) => requests.AssignAsync(me.PersonId, request.Id, Input.Version, me.PersonId, cancellationToken),
            "You have taken this request", cancellationToken);

    [ChecksFormVersion("Input.Version")]
    public Task<IActionResult> OnPostGiveAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.AssigneePersonId", (me, request) => requests.AssignAsync(me.PersonId, request.Id, Input.Version, Input.AssigneePersonId, cancellationToken),
            Input.AssigneePersonId is null ? "The request is now unassigned" : "The request has been given to your colleague", cancellationToken);

    [ChecksFormVersion("Input.Version")]
    public Task<IActionResult> OnPostPriorityAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.Reason", (me, request) =>
        {
            if (Input.Priority is not { } priority)
            {
                throw new RefusedException("Choose a priority");
            }

            // Written in the same save as the change it records.
            audit.Add(me.Actor, AuditActions.PriorityOverridden, request.RequesterPersonId, Reference, $"{priority}: {Input.Reason?.Trim()}");
            return requests.OverridePriorityAsync(me.PersonId, request.Id, Input.Version, priority, Input.Reason, cancellationToken);
        }, "Priority changed", cancellationToken);

    /// <summary>Records or changes the threat assessment; what the person is told goes to them as a message in the same save.</summary>
    [ChecksFormVersion("Assessment.Version")]
    public Task<IActionResult> OnPostAssessAsync(CancellationToken cancellationToken) =>
        ActAsync("Assessment.Level", (me, request) => assessments.SaveAsync(me.Actor, request.Id, Assessment.Version, Assessment.ToInput(), cancellationToken),
            "Threat assessment saved", cancellationToken, AssessmentForm.KeyOf);

    [RateLimited(RateLimits.Messages)]
    public Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.Note", (me, request) => requests.AddNoteAsync(me.PersonId, request.Id, Input.Note, cancellationToken), "Internal note added", cancellationToken);

    [RateLimited(RateLimits.Messages)]
    public Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken) =>
        ActAsync("Input.Message", (me, request) => requests.SendMessageAsync(me.PersonId, request.Id, Input.Message, cancellationToken: cancellationToken),
            "Message sent to the requester", cancellationToken);

    /// <summary>Checks access, acts, and redirects; the page is only loaded again to show what went wrong.</summary>
    private async Task<IActionResult> ActAsync(
        string field, Func<WelfareUser, SupportRequestResource, Task> action, string done, CancellationToken cancellationToken, Func<string, string>? keyOf = null)
    {
        var (me, resource, refusal) = await AuthorizeAsync(cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            await action(me, resource!);
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, field, keyOf);
            db.ChangeTracker.Clear();
            keepAssessmentForm = true;
            return await ShowAsync(me, resource!, cancellationToken);
        }

        TempData[FlashKey] = done;
        return RedirectToPage(new { reference = Reference });
    }

    private async Task<(WelfareUser Me, SupportRequestResource? Resource, IActionResult? Refusal)> AuthorizeAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        if (!SupportReference.TryParse(Reference, out var id)
            || await db.SupportRequests.AsNoTracking().Where(r => r.Id == id).Select(r => new SupportRequestResource(r.Id, r.PersonId, r.Restricted)).SingleOrDefaultAsync(cancellationToken) is not { } resource)
        {
            return (me, null, NotFound());
        }

        Reference = SupportReference.Format(id);
        MyPersonId = me.PersonId;
        if (!(await authorization.AuthorizeAsync(User, resource, SupportRequestOperations.Work)).Succeeded)
        {
            // Not found, exactly as a reference that names nothing: a 403 would tell which references belong to people
            // in sensitive roles. The attempt is still recorded.
            await audit.RecordAsync(me.Actor, AuditActions.SupportRequestRefused, resource.RequesterPersonId, Reference, "restricted to welfare leads", cancellationToken);
            return (me, resource, NotFound());
        }

        return (me, resource, null);
    }

    private bool keepAssessmentForm;

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        CurrentAssessment = await assessments.FindAsync(id, cancellationToken);
        if (!keepAssessmentForm)
        {
            var suggested = CurrentAssessment is null ? await assessments.SuggestAsync(id, cancellationToken) : ThreatFactors.None;
            Assessment = CurrentAssessment is { } current ? AssessmentForm.From(current) : new AssessmentForm { Factors = [.. ThreatAssessments.EachFactor.Where(f => suggested.HasFlag(f))] };
        }

        // Always the version now shown: after a conflict, saving again changes the assessment as it now is.
        Assessment.Version = CurrentAssessment?.Version ?? 0;
        Replies = await savedReplies.ListAsync(cancellationToken);
        Now = clock.GetUtcNow().UtcDateTime;
        var r = await db.SupportRequests.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        var requester = await db.People.AsNoTracking().Where(p => p.Id == r.PersonId)
            .Select(p => new RequesterView(p.GivenName + " " + p.FamilyName, p.PayNumber, p.RankOrGrade, p.Unit, p.WorkLocation, p.VettingLevel, p.SensitiveRole, p.Email))
            .SingleAsync(cancellationToken);
        var exposures = await db.Exposures.AsNoTracking().Where(e => e.PersonId == r.PersonId)
            .Join(db.Incidents, e => e.IncidentId, i => i.Id, (e, i) => new { i.Title, e.Fields })
            .ToListAsync(cancellationToken);
        var names = db.People.AsNoTracking();
        var messages = await db.SupportMessages.AsNoTracking().Where(m => m.SupportRequestId == id).OrderBy(m => m.SentUtc).ThenBy(m => m.Id)
            .Select(m => new EntryView(m.SentUtc, m.FromRequester ? "Requester" : names.Where(p => p.Id == m.AuthorPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() ?? "Welfare team", m.Body))
            .ToListAsync(cancellationToken);
        var notes = await db.SupportNotes.AsNoTracking().Where(n => n.SupportRequestId == id).OrderBy(n => n.WrittenUtc).ThenBy(n => n.Id)
            .Select(n => new EntryView(n.WrittenUtc, names.Where(p => p.Id == n.AuthorPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() ?? "Welfare team", n.Body))
            .ToListAsync(cancellationToken);
        var history = await db.SupportRequestEvents.AsNoTracking().Where(e => e.SupportRequestId == id).OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id)
            .Select(e => new EntryView(e.OccurredUtc, names.Where(p => p.Id == e.ActorPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() ?? "System", e.What))
            .ToListAsync(cancellationToken);
        var team = await (from m in db.WelfareTeamMembers.AsNoTracking()
                          join p in db.People on m.PersonId equals p.Id
                          where !r.Restricted || m.IsLead
                          orderby p.GivenName, p.FamilyName
                          select new TeamMemberView(p.Id, p.GivenName + " " + p.FamilyName, m.IsLead)).ToListAsync(cancellationToken);
        var assignee = r.AssignedToPersonId is { } a ? await names.Where(p => p.Id == a).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken) : null;

        View = new WelfareRequestView(r, requester, [.. exposures.Select(e => (e.Title, DataFieldCatalogue.In(e.Fields).Select(f => f.Name).ToList()))],
            messages, notes, history, team, assignee,
            r.CampaignId is { } campaignId
                ? await db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaignId)
                    .Select(c => c.Subject + (c.IncidentId == null ? "" : ", about " + db.Incidents.Where(i => i.Id == c.IncidentId).Select(i => i.Title).FirstOrDefault())).SingleOrDefaultAsync(cancellationToken)
                : null);
        Flash = TempData[FlashKey] as string;

        // Forms always carry the version now shown; what the person typed is kept.
        Input.Version = r.Version;
    }
}

/// <summary>The inputs of the page's forms. Every change carries the version it was made against.</summary>
public sealed class WelfareActionInput
{
    /// <summary>The saved reply the message box was started from, chosen again in its list.</summary>
    public int? ReplyId { get; set; }

    public int Version { get; set; }
    public SupportRequestStatus? Status { get; set; }
    public int? AssigneePersonId { get; set; }
    public Priority? Priority { get; set; }
    public string? Reason { get; set; }
    public string? Note { get; set; }
    public string? Message { get; set; }
}

/// <summary>The threat assessment form, one row for each kind of measure (its status empty when it is not recommended).</summary>
public sealed class AssessmentForm
{
    public int Version { get; set; }
    public ThreatLevel? Level { get; set; }
    public List<ThreatFactors> Factors { get; set; } = [];
    public string? Notes { get; set; }
    public string? ReviewDay { get; set; }
    public string? ReviewMonth { get; set; }
    public string? ReviewYear { get; set; }
    public List<MeasureForm> Measures { get; set; } = [.. Enum.GetValues<ProtectiveMeasureKind>().Select(k => new MeasureForm { Kind = k })];
    public string? Outcome { get; set; }

    public static AssessmentForm From(ThreatAssessment a) => new()
    {
        Version = a.Version,
        Level = a.Level,
        Factors = [.. ThreatAssessments.EachFactor.Where(f => a.Factors.HasFlag(f))],
        Notes = a.Notes,
        ReviewDay = a.ReviewOn?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ReviewMonth = a.ReviewOn?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ReviewYear = a.ReviewOn?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Measures = [.. Enum.GetValues<ProtectiveMeasureKind>().Select(k => a.Measures.FirstOrDefault(m => m.Kind == k) is { } m
            ? new MeasureForm { Kind = k, Status = m.Status, Owner = m.Owner }
            : new MeasureForm { Kind = k })],
    };

    public AssessmentInput ToInput() => new(
        Level, Factors.Aggregate(ThreatFactors.None, (all, f) => all | f), Notes, ReviewDay, ReviewMonth, ReviewYear,
        [.. Measures.Where(m => Enum.IsDefined(m.Kind)).Select(m => new MeasureInput(m.Kind, m.Status, m.Owner))], Outcome);

    /// <summary>Where each of the service's problems is shown on the form.</summary>
    public static string KeyOf(string field) =>
        field.StartsWith("Measure", StringComparison.Ordinal) && Enum.TryParse<ProtectiveMeasureKind>(field["Measure".Length..], out var kind)
            ? $"Assessment.Measures[{(int)kind}].Owner"
            : "Assessment." + field;
}

public sealed class MeasureForm
{
    public ProtectiveMeasureKind Kind { get; set; }
    public ProtectiveMeasureStatus? Status { get; set; }
    public string? Owner { get; set; }
}

public sealed record RequesterView(string Name, string PayNumber, string RankOrGrade, string Unit, string WorkLocation, VettingLevel VettingLevel, SensitiveRole SensitiveRole, string Email);

public sealed record EntryView(DateTime AtUtc, string Who, string Text);

public sealed record TeamMemberView(int PersonId, string Name, bool IsLead);

public sealed record WelfareRequestView(
    SupportRequest Request, RequesterView Requester, IReadOnlyList<(string Incident, List<string> Fields)> Exposures,
    IReadOnlyList<EntryView> Messages, IReadOnlyList<EntryView> Notes, IReadOnlyList<EntryView> History, IReadOnlyList<TeamMemberView> Team, string? AssignedTo,
    string? AnswersNotice);
