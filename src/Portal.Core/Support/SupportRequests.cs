using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Support;

/// <summary>
/// Every change to a support request goes through here: checks, the state machine, the SLA clock, history.
/// A person can only act on their own requests; the caller passes the id of the signed-in person.
/// </summary>
public sealed partial class SupportRequests(PortalDbContext db, TimeProvider clock, IOptions<SupportOptions> options)
{
    private const string ConflictMessage = "Someone else changed this request while you had it open. Nothing you did was saved: check the latest details below, then try again.";

    public const int DescriptionMaxLength = 2000;
    public const int MessageMaxLength = 2000;
    public const int PhoneMaxLength = 30;

    /// <summary>Problems with what a person entered, each against the field it belongs to. Empty when all is well.</summary>
    public static List<FieldProblem> Check(NewSupportRequest input)
    {
        var problems = new List<FieldProblem>();
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            problems.Add(new(nameof(NewSupportRequest.Description), "Tell us what is worrying you"));
        }
        else if (description.Length > DescriptionMaxLength)
        {
            problems.Add(new(nameof(NewSupportRequest.Description), $"What is worrying you must be {DescriptionMaxLength} characters or fewer"));
        }

        if (input.ContactMethod == ContactMethod.Phone)
        {
            var phone = input.ContactPhone?.Trim() ?? "";
            if (phone.Length == 0)
            {
                problems.Add(new(nameof(NewSupportRequest.ContactPhone), "Enter the phone number you want us to call"));
            }
            else if (phone.Length > PhoneMaxLength || !PhonePattern().IsMatch(phone))
            {
                problems.Add(new(nameof(NewSupportRequest.ContactPhone), "Enter a phone number, like 07700 900 982 or +44 7700 900 982"));
            }
        }

        if (!input.ConsentToShare)
        {
            problems.Add(new(nameof(NewSupportRequest.ConsentToShare), "Confirm that the welfare team may see your request and your details, so they can help you"));
        }

        return problems;
    }

    public async Task<SupportRequest> CreateAsync(int personId, NewSupportRequest input, CancellationToken cancellationToken = default)
    {
        if (Check(input) is { Count: > 0 } problems)
        {
            throw new RefusedException(problems);
        }

        return await CreateCheckedAsync(personId, input, cancellationToken);
    }

    /// <summary>
    /// A task for the welfare team to call someone a notice has not reached after every other step of its ladder:
    /// worked like a support request, but made by the portal, not asked for by the person. One per person and notice,
    /// however often it is asked for. Saved with the caller's unit of work and transaction.
    /// </summary>
    public Task<SupportRequest> CreateCallTaskAsync(int personId, int campaignId, string description, CancellationToken cancellationToken = default)
    {
        var key = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"call:{campaignId}:{personId}"))[..16]);
        return CreateCheckedAsync(personId, new NewSupportRequest(SupportRequestType.WelfareCall, StatedUrgency.NoRush, description, ContactMethod.Phone, null, false, key, campaignId), cancellationToken);
    }

    private async Task<SupportRequest> CreateCheckedAsync(int personId, NewSupportRequest input, CancellationToken cancellationToken)
    {
        if (input.SubmissionKey is { } key
            && await db.SupportRequests.SingleOrDefaultAsync(r => r.PersonId == personId && r.SubmissionKey == key, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (input.CampaignId is { } campaignId
            && !await db.Deliveries.AnyAsync(d => d.PersonId == personId && d.CampaignId == campaignId && d.Status != DeliveryStatus.Cancelled, cancellationToken))
        {
            throw new RefusedException("That notice was not sent to you. Ask for support from the notice itself, or from \"Get support\".");
        }

        var settings = options.Value;
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.FamilyName, p.VettingLevel, p.SensitiveRole })
            .SingleAsync(cancellationToken);
        // Counted no further than one past the threshold: only a count at or under it is shown or changes the priority.
        var sharing = await db.People.Where(p => p.FamilyName == person.FamilyName).Take(settings.RareNameThreshold + 1).CountAsync(cancellationToken);
        var exposures = await db.Exposures.AsNoTracking().Where(e => e.PersonId == personId)
            .Join(db.Incidents, e => e.IncidentId, i => i.Id, (e, i) => new { e.Fields, i.Title })
            .ToListAsync(cancellationToken);
        var photo = exposures.Where(e => e.Fields.HasFlag(HeldFields.Photo)).Select(e => e.Title.ToLowerInvariant()).ToList();

        var (priority, reasons) = PriorityCalculator.Compute(new PriorityFactors(
            input.Type, input.StatedUrgency, person.SensitiveRole, person.VettingLevel, photo, sharing, settings.RareNameThreshold));
        var now = clock.GetUtcNow().UtcDateTime;
        var request = new SupportRequest
        {
            PersonId = personId,
            Type = input.Type,
            StatedUrgency = input.StatedUrgency,
            Description = input.Description.Trim(),
            ContactMethod = input.ContactMethod,
            ContactPhone = input.ContactMethod == ContactMethod.Phone ? input.ContactPhone?.Trim() : null,
            ConsentToShare = input.ConsentToShare,
            CampaignId = input.CampaignId,
            SubmissionKey = input.SubmissionKey,
            Status = SupportRequestStatus.New,
            ComputedPriority = priority,
            Priority = priority,
            PriorityReasons = reasons,
            Restricted = person.SensitiveRole != SensitiveRole.None,
            CreatedUtc = now,
            UpdatedUtc = now,
            DueUtc = Sla.Due(now, settings.SlaFor(priority), priority),
            FirstContactDueUtc = Sla.Due(now, settings.FirstContact.For(priority), priority),
        };
        request.NextUpdateDueUtc = request.FirstContactDueUtc;
        Record(request, input.Type == SupportRequestType.WelfareCall ? null : personId, input.Type == SupportRequestType.WelfareCall ? "Call task made: the notice has not reached them" : "Request made", now);
        db.SupportRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (input.SubmissionKey is not null)
        {
            // The same form sent twice at once: the other send made the request; return that one.
            db.ChangeTracker.Clear();
            return await db.SupportRequests.SingleAsync(r => r.PersonId == personId && r.SubmissionKey == input.SubmissionKey, cancellationToken);
        }

        return request;
    }

    /// <summary>The requester replies in the thread. A reply to a request waiting on them restarts the SLA clock.</summary>
    public async Task ReplyAsync(int personId, int requestId, string body, CancellationToken cancellationToken = default)
    {
        var text = CheckMessage(body);
        var request = await OwnAsync(personId, requestId, cancellationToken);
        if (!SupportWorkflow.IsOpen(request.Status))
        {
            throw new RefusedException("This request is no longer open. Make a new request if you still need help.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.SupportMessages.Add(new SupportMessage { SupportRequestId = request.Id, SentUtc = now, FromRequester = true, AuthorPersonId = personId, Body = text });
        if (request.Status == SupportRequestStatus.WaitingOnPerson)
        {
            Move(request, SupportRequestStatus.InProgress, personId, now);
        }
        else
        {
            Touch(request, now);
        }

        Record(request, personId, "Message from the requester", now);
        await SaveAsync(cancellationToken);
    }

    public async Task WithdrawAsync(int personId, int requestId, CancellationToken cancellationToken = default)
    {
        var request = await OwnAsync(personId, requestId, cancellationToken);
        if (!SupportWorkflow.CanMove(request.Status, SupportRequestStatus.Withdrawn))
        {
            throw new RefusedException($"This request is {SupportWorkflow.Describe(request.Status).ToLowerInvariant()} and cannot be withdrawn.");
        }

        Move(request, SupportRequestStatus.Withdrawn, personId, clock.GetUtcNow().UtcDateTime);
        await SaveAsync(cancellationToken);
    }

    /// <summary>A welfare officer moves the request on (or reopens it).</summary>
    public async Task ChangeStatusAsync(int actorPersonId, int requestId, int expectedVersion, SupportRequestStatus to, CancellationToken cancellationToken = default)
    {
        var request = await ForTeamAsync(requestId, expectedVersion, cancellationToken);
        Move(request, to, actorPersonId, clock.GetUtcNow().UtcDateTime);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Makes each request's restriction follow its requester's current role: a person moved into a sensitive role by an
    /// import has their requests restricted to welfare leads at once (and taken from any officer who held one), and one
    /// moved out has them opened to the team. Set-based, inside the caller's transaction. Returns how many changed.
    /// </summary>
    public static async Task<int> FollowRequestersRolesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var changed = await db.SupportRequests
            .Where(r => r.Restricted != db.People.Any(p => p.Id == r.PersonId && p.SensitiveRole != SensitiveRole.None))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Restricted, r => !r.Restricted), cancellationToken);
        if (changed > 0)
        {
            await db.SupportRequests
                .Where(r => r.Restricted && r.AssignedToPersonId != null && !db.WelfareTeamMembers.Any(m => m.PersonId == r.AssignedToPersonId && m.IsLead))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.AssignedToPersonId, (int?)null), cancellationToken);
        }

        return changed;
    }

    /// <summary>Takes the request (assignee = actor), gives it to a colleague, or leaves it unassigned (null).</summary>
    public async Task AssignAsync(int actorPersonId, int requestId, int expectedVersion, int? assigneePersonId, CancellationToken cancellationToken = default)
    {
        var request = await ForTeamAsync(requestId, expectedVersion, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        string what;
        if (assigneePersonId is { } assignee)
        {
            var member = await db.WelfareTeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == assignee, cancellationToken)
                ?? throw new RefusedException("Choose someone from the welfare team.");
            if (request.Restricted && !member.IsLead)
            {
                throw new RefusedException("This request is restricted to welfare leads. Choose a welfare lead.");
            }

            var name = await db.People.Where(p => p.Id == assignee).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
            what = assignee == actorPersonId ? $"Taken by {name}" : $"Given to {name}";
        }
        else
        {
            what = "Unassigned";
        }

        request.AssignedToPersonId = assigneePersonId;
        Touch(request, now);
        Record(request, actorPersonId, what, now);
        await SaveAsync(cancellationToken);
    }

    /// <summary>Overrides the computed priority, with a reason. The SLA due time moves to match.</summary>
    public async Task OverridePriorityAsync(int actorPersonId, int requestId, int expectedVersion, Priority priority, string? reason, CancellationToken cancellationToken = default)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new RefusedException("Give a reason for changing the priority");
        }

        if (text.Length > 500)
        {
            throw new RefusedException("The reason must be 500 characters or fewer");
        }

        var request = await ForTeamAsync(requestId, expectedVersion, cancellationToken);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = request.Priority;
        // The new priority's targets, less the time already spent (the clock stood still while paused).
        var at = request.SlaPausedAtUtc ?? now;
        request.DueUtc = Sla.Due(at, settings.SlaFor(priority) - (settings.SlaFor(before) - Sla.Left(at, request.DueUtc, before)), priority);
        if (request.FirstContactUtc is null && request.FirstContactDueUtc is { } firstContactDue)
        {
            request.FirstContactDueUtc = Sla.Due(now, settings.FirstContact.For(priority) - (settings.FirstContact.For(before) - Sla.Left(now, firstContactDue, before)), priority);
        }

        request.PriorityOverride = priority;
        request.PriorityOverrideReason = text;
        request.Priority = priority;
        Touch(request, now);
        Record(request, actorPersonId, $"Priority changed from {before} to {priority}: {text}", now);
        await SaveAsync(cancellationToken);
    }

    /// <summary>An internal note: the requester never sees it.</summary>
    public async Task AddNoteAsync(int actorPersonId, int requestId, string? body, CancellationToken cancellationToken = default)
    {
        var text = CheckMessage(body);
        var request = await ForTeamAsync(requestId, expectedVersion: null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SupportNotes.Add(new SupportNote { SupportRequestId = request.Id, WrittenUtc = now, AuthorPersonId = actorPersonId, Body = text });
        Record(request, actorPersonId, "Internal note added", now);
        await SaveAsync(cancellationToken);
    }

    /// <summary>A message the requester sees on their request. Their next update is then due one SLA period later.</summary>
    public async Task SendMessageAsync(int actorPersonId, int requestId, string? body, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var text = CheckMessage(body);
        var request = await ForTeamAsync(requestId, expectedVersion, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SupportMessages.Add(new SupportMessage { SupportRequestId = request.Id, SentUtc = now, FromRequester = false, AuthorPersonId = actorPersonId, Body = text });
        request.NextUpdateDueUtc = Sla.Due(now, options.Value.SlaFor(request.Priority), request.Priority);
        request.FirstContactUtc ??= now;
        Touch(request, now);
        Record(request, actorPersonId, "Message sent to the requester", now);
        await SaveAsync(cancellationToken);
    }

    private async Task<SupportRequest> ForTeamAsync(int requestId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var request = await db.SupportRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new RefusedException("There is no such request.");
        if (expectedVersion is { } expected && request.Version != expected)
        {
            throw new ConflictException(ConflictMessage);
        }

        return request;
    }

    /// <summary>Moves a request through the state machine, keeping the SLA clock and history.</summary>
    internal void Move(SupportRequest request, SupportRequestStatus to, int? actorPersonId, DateTime now)
    {
        var from = request.Status;
        if (!SupportWorkflow.CanMove(from, to))
        {
            throw new RefusedException($"A request that is {SupportWorkflow.Describe(from).ToLowerInvariant()} cannot be moved to {SupportWorkflow.Describe(to).ToLowerInvariant()}.");
        }

        if (to == SupportRequestStatus.WaitingOnPerson)
        {
            request.SlaPausedAtUtc = now;
        }
        else if (request.SlaPausedAtUtc is { } pausedAt)
        {
            // What was left when it paused is left now.
            request.DueUtc = Sla.Due(now, Sla.Left(pausedAt, request.DueUtc, request.Priority), request.Priority);
            request.SlaPausedAtUtc = null;
        }

        if (SupportWorkflow.IsReopen(from, to))
        {
            request.DueUtc = Sla.Due(now, options.Value.SlaFor(request.Priority), request.Priority);
        }

        if (to == SupportRequestStatus.InProgress)
        {
            request.FirstContactUtc ??= now;
        }

        request.ResolvedUtc = to switch
        {
            SupportRequestStatus.Resolved => now,
            SupportRequestStatus.Closed => request.ResolvedUtc ?? now,
            _ => null,
        };
        request.Status = to;
        Touch(request, now);
        Record(request, actorPersonId, SupportWorkflow.IsReopen(from, to)
            ? $"Reopened (was {SupportWorkflow.Describe(from).ToLowerInvariant()})"
            : $"Status changed from {SupportWorkflow.Describe(from).ToLowerInvariant()} to {SupportWorkflow.Describe(to).ToLowerInvariant()}", now);
    }

    /// <summary>Saves, turning a colleague's concurrent change into the message people see.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ConflictMessage);
        }
    }

    /// <summary>Service-level time for this request's priority: working hours, or all hours (made once a scope).</summary>
    private SlaClock Sla => sla ??= new SlaClock(options.Value);

    private SlaClock? sla;

    private static void Touch(SupportRequest request, DateTime now)
    {
        request.UpdatedUtc = now;
        request.Version++;
    }

    private static void Record(SupportRequest request, int? actorPersonId, string what, DateTime now) =>
        request.Events.Add(new SupportRequestEvent { OccurredUtc = now, ActorPersonId = actorPersonId, What = what });

    private async Task<SupportRequest> OwnAsync(int personId, int requestId, CancellationToken cancellationToken) =>
        await db.SupportRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PersonId == personId, cancellationToken)
            ?? throw new RefusedException("There is no such request of yours.");

    internal static string CheckMessage(string? body)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new RefusedException("Enter a message");
        }

        if (text.Length > MessageMaxLength)
        {
            throw new RefusedException($"Your message must be {MessageMaxLength} characters or fewer");
        }

        return text;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,}$")]
    private static partial Regex PhonePattern();
}
