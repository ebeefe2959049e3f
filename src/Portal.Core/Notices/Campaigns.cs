using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Data.Configurations;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Notices;

/// <summary>
/// A campaign's life: composed as a draft, sent now or scheduled, approved by a second administrator when it goes
/// to more than <see cref="NoticeOptions.ApprovalThreshold"/> people, then paused, resumed or cancelled while it
/// sends. Every step is audited.
/// </summary>
public sealed class Campaigns(PortalDbContext db, CampaignAudience audience, NoticeQueue queue, AuditLog audit, IOptions<NoticeOptions> options, TimeProvider clock)
{
    private const string ConflictMessage = "Another administrator changed this campaign while you were looking at it. Check it again below, then try again.";

    /// <summary>The version of a campaign just created.</summary>
    private const int NewVersion = 0;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> CreateAsync(Actor actor, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        var campaign = new NoticeCampaign { Subject = string.Empty, BodyTemplate = string.Empty, CreatedUtc = Now, CreatedByPersonId = actor.PersonId, CreatedBySubject = actor.Subject };
        await ApplyAsync(campaign, draft, cancellationToken);
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.CampaignCreated, null, Target(campaign.Id), TemplateVersion(campaign), cancellationToken);
        return campaign.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, int version, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Edit, campaign.Status);
        await ApplyAsync(campaign, draft, cancellationToken);
        audit.Add(actor, AuditActions.CampaignUpdated, null, Target(id), TemplateVersion(campaign));
        await SaveAsync(campaign, cancellationToken);
    }

    /// <summary>
    /// Sends a draft now or at a time. Above the approval threshold it waits for a second administrator instead.
    /// Returns the status the campaign is left in.
    /// </summary>
    public async Task<CampaignStatus> SendAsync(Actor actor, int id, int version, DateTime? scheduledForUtc, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Send, campaign.Status);
        if (scheduledForUtc is { } at && at <= Now)
        {
            throw new RefusedException("ScheduledFor", "The time to send must be in the future. Choose a later time, or send it now.");
        }

        var count = await audience.CountAsync(campaign, cancellationToken);
        if (count == 0)
        {
            throw new RefusedException("Audience", "Nobody is in this audience, so there is no one to send it to. Choose a different audience.");
        }

        campaign.ScheduledForUtc = scheduledForUtc;
        campaign.RecipientCount = count;
        if (count > options.Value.ApprovalThreshold)
        {
            campaign.Status = CampaignStatus.AwaitingApproval;
            audit.Add(actor, AuditActions.CampaignSubmittedForApproval, null, Target(id), $"{count} recipients");
            await SaveAsync(campaign, cancellationToken);
            return campaign.Status;
        }

        return await GoAsync(actor, campaign, AuditActions.CampaignSent, cancellationToken);
    }

    /// <summary>A second administrator lets a large campaign go.</summary>
    public async Task<CampaignStatus> ApproveAsync(Actor actor, int id, int version, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Approve, campaign.Status);
        // The same person may sign in with more than one account: compare the personnel record as well as the sign-in.
        if (string.Equals(campaign.CreatedBySubject, actor.Subject, StringComparison.Ordinal)
            || (campaign.CreatedByPersonId is { } composer && composer == actor.PersonId))
        {
            throw new RefusedException("approve", "You composed this campaign, so you cannot approve it. Ask another administrator to approve it.");
        }

        if (campaign.ScheduledForUtc is { } at && at <= Now)
        {
            campaign.ScheduledForUtc = null;
        }

        campaign.ApprovedByPersonId = actor.PersonId;
        campaign.ApprovedBySubject = actor.Subject;
        campaign.ApprovedUtc = Now;
        return await GoAsync(actor, campaign, AuditActions.CampaignApproved, cancellationToken);
    }

    /// <summary>Takes a campaign waiting for approval back to a draft, for changes.</summary>
    public async Task ReturnToDraftAsync(Actor actor, int id, int version, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.ReturnToDraft, campaign.Status);
        campaign.Status = CampaignStatus.Draft;
        audit.Add(actor, AuditActions.CampaignReturnedToDraft, null, Target(id));
        await SaveAsync(campaign, cancellationToken);
    }

    public async Task PauseAsync(Actor actor, int id, int version, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Pause, campaign.Status);
        if (campaign.Status == CampaignStatus.Completed && Ladder.Of(campaign).IsEmpty)
        {
            throw new RefusedException("status", "This campaign has finished sending and has no ladder of reminders to pause.");
        }

        campaign.Status = CampaignStatus.Paused;
        audit.Add(actor, AuditActions.CampaignPaused, null, Target(id));
        await SaveAsync(campaign, cancellationToken);
    }

    public async Task ResumeAsync(Actor actor, int id, int version, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Resume, campaign.Status);
        campaign.Status = CampaignStatus.Sending;
        audit.Add(actor, AuditActions.CampaignResumed, null, Target(id));
        await SaveAsync(campaign, cancellationToken);
        queue.Dispatch(id);
    }

    /// <summary>Stops a campaign for good. What was sent stays sent; everything not yet sent is marked cancelled.</summary>
    public async Task CancelAsync(Actor actor, int id, int version, CancellationToken cancellationToken = default)
    {
        var campaign = await LoadAsync(id, version, cancellationToken);
        CampaignWorkflow.Require(CampaignAction.Cancel, campaign.Status);

        campaign.Status = CampaignStatus.Cancelled;
        campaign.CompletedUtc = Now;
        audit.Add(actor, AuditActions.CampaignCancelled, null, Target(id));
        await SaveAsync(campaign, cancellationToken);
        await CancelUnsentAsync(id, cancellationToken);
    }

    /// <summary>Marks what a cancelled campaign had not yet sent; rows a batch still holds are marked when it lets go of them.</summary>
    public Task<int> CancelUnsentAsync(int campaignId, CancellationToken cancellationToken = default) =>
        db.Deliveries.Where(d => d.CampaignId == campaignId && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.FailedTemporary))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.NextAttemptUtc, (DateTime?)null), cancellationToken);

    /// <summary>In one step: a reminder to everyone the campaign reached who has not confirmed reading it. Returns the new campaign.</summary>
    public async Task<(int Id, CampaignStatus Status)> FollowUpAsync(Actor actor, int earlierId, CancellationToken cancellationToken = default)
    {
        var earlier = await db.NoticeCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == earlierId, cancellationToken)
            ?? throw new RefusedException("followup", "That campaign does not exist.");
        if (earlier.Status is not (CampaignStatus.Sending or CampaignStatus.Paused or CampaignStatus.Completed or CampaignStatus.Cancelled))
        {
            throw new RefusedException("followup", "A follow-up can only be sent once the campaign has been sent.");
        }

        var subject = "Reminder: " + earlier.Subject;
        var id = await CreateAsync(actor, new CampaignDraft(
            subject.Length > NoticeCampaignConfiguration.SubjectLength ? subject[..NoticeCampaignConfiguration.SubjectLength] : subject,
            earlier.BodyTemplate, earlier.IncidentId, AudienceKind.NotAcknowledged, null, [], earlierId), cancellationToken);
        return (id, await SendAsync(actor, id, NewVersion, null, cancellationToken));
    }

    /// <summary>Writes the delivery rows of an approved, due campaign and queues it; for "send now", and by the sweeper for scheduled ones.</summary>
    public async Task StartAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await db.NoticeCampaigns.SingleAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign.Status is not (CampaignStatus.Scheduled or CampaignStatus.Sending))
        {
            return;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await audience.WriteDeliveriesAsync(campaign, cancellationToken);
            campaign.RecipientCount = await db.Deliveries.CountAsync(d => d.CampaignId == campaignId, cancellationToken);
            campaign.Status = CampaignStatus.Sending;
            campaign.StartedUtc ??= Now;
            campaign.Version++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        queue.Dispatch(campaignId);
    }

    public static string Target(int id) => $"campaign/{id}";

    /// <summary>
    /// What the audit trail keeps of each saved version of a notice's text: its subject, and the first 16 hex digits
    /// of the SHA-256 of its subject and body, so the evidence export can show which version was sent.
    /// </summary>
    public static string TemplateVersion(NoticeCampaign campaign) =>
        $"{campaign.Subject} (text {TextHash(campaign.Subject, campaign.BodyTemplate)})";

    public static string TextHash(string subject, string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject + "\n" + body)))[..16];

    private async Task<CampaignStatus> GoAsync(Actor actor, NoticeCampaign campaign, string action, CancellationToken cancellationToken)
    {
        var later = campaign.ScheduledForUtc is not null;
        campaign.Status = later ? CampaignStatus.Scheduled : CampaignStatus.Sending;
        audit.Add(actor, later ? AuditActions.CampaignScheduled : action, null, Target(campaign.Id), later ? $"for {campaign.ScheduledForUtc:u}" : $"{campaign.RecipientCount} recipients");
        await SaveAsync(campaign, cancellationToken);
        if (!later)
        {
            await StartAsync(campaign.Id, cancellationToken);
        }

        return later ? CampaignStatus.Scheduled : CampaignStatus.Sending;
    }

    private async Task ApplyAsync(NoticeCampaign campaign, CampaignDraft draft, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var subject = draft.Subject?.Trim() ?? string.Empty;
        var body = (draft.Body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (draft.IncidentId is { } incidentId && !await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            problems.Add(new("IncidentId", "Choose an incident from the list."));
        }

        if (subject.Length == 0)
        {
            problems.Add(new("Subject", "Enter a subject"));
        }
        else if (subject.Length > NoticeCampaignConfiguration.SubjectLength)
        {
            problems.Add(new("Subject", $"The subject must be {NoticeCampaignConfiguration.SubjectLength} characters or fewer; it is {subject.Length}."));
        }
        else
        {
            problems.AddRange(NoticeTemplate.Check(subject, draft.IncidentId is not null).Select(p => new FieldProblem("Subject", "Subject: " + p.Message)));
        }

        if (body.Length == 0)
        {
            problems.Add(new("Body", "Enter the message"));
        }
        else if (body.Length > NoticeCampaignConfiguration.BodyLength)
        {
            problems.Add(new("Body", string.Create(UkEnglish.Culture, $"The message must be {NoticeCampaignConfiguration.BodyLength:N0} characters or fewer; it is {body.Length:N0}.")));
        }
        else
        {
            problems.AddRange(NoticeTemplate.Check(body, draft.IncidentId is not null).Select(p => new FieldProblem("Body", "Message: " + p.Message)));
        }

        var (ladder, ladderProblems) = Ladder.Parse(draft.Ladder);
        DateTime? changedSince = null;
        problems.AddRange(ladderProblems);

        var units = draft.AudienceUnits.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        switch (draft.Audience)
        {
            case null:
                problems.Add(new("Audience", "Choose who the notice is for"));
                break;
            case AudienceKind.Incident when draft.AudienceIncidentId is not { } audienceIncident || !await db.Incidents.AnyAsync(i => i.Id == audienceIncident, cancellationToken):
                problems.Add(new("AudienceIncidentId", "Choose the incident whose people should receive it"));
                break;
            case AudienceKind.Units when units.Count == 0:
                problems.Add(new("AudienceUnits", "Choose at least one unit"));
                break;
            case AudienceKind.Units:
                var known = await db.People.Where(p => units.Contains(p.Unit)).Select(p => p.Unit).Distinct().ToListAsync(cancellationToken);
                var unknown = units.Except(known, StringComparer.Ordinal).ToList();
                if (unknown.Count > 0)
                {
                    problems.Add(new("AudienceUnits", $"No one works in {string.Join(", ", unknown)}. Choose units from the list."));
                }

                break;
            case AudienceKind.ExposureChanged when draft.AudienceImportRunId is { } run:
                if (!await db.ImportRuns.AnyAsync(r => r.Id == run && r.Kind == Imports.ImportKind.Manifest && r.Status == ImportRunStatus.Applied, cancellationToken))
                {
                    problems.Add(new("AudienceImportRunId", "Choose a manifest import that has been applied"));
                }

                break;
            case AudienceKind.ExposureChanged when string.IsNullOrWhiteSpace(draft.AudienceChangedSince):
                problems.Add(new("AudienceImportRunId", "Choose the import whose changes to tell people about, or enter the date from which to include changes"));
                break;
            case AudienceKind.ExposureChanged:
                if (!UkTime.TryParseDate(draft.AudienceChangedSince, out var since))
                {
                    problems.Add(new("AudienceChangedSince", "Enter a real date for the changes to start from, such as 27 March 2026"));
                }
                else
                {
                    changedSince = UkTime.ToUtc(since.ToDateTime(TimeOnly.MinValue));
                }

                break;
            case AudienceKind.NotAcknowledged when draft.AudienceCampaignId is not { } earlier
                || !await db.NoticeCampaigns.AnyAsync(c => c.Id == earlier && c.Id != campaign.Id && c.StartedUtc != null, cancellationToken):
                problems.Add(new("AudienceCampaignId", "Choose the campaign, already sent, whose readers you want to remind"));
                break;
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        campaign.Subject = subject;
        campaign.BodyTemplate = body;
        campaign.IncidentId = draft.IncidentId;
        campaign.Audience = draft.Audience!.Value;
        campaign.AudienceIncidentId = campaign.Audience == AudienceKind.Incident ? draft.AudienceIncidentId : null;
        campaign.AudienceUnits = campaign.Audience == AudienceKind.Units ? units : [];
        campaign.AudienceCampaignId = campaign.Audience == AudienceKind.NotAcknowledged ? draft.AudienceCampaignId : null;
        campaign.AudienceImportRunId = campaign.Audience == AudienceKind.ExposureChanged ? draft.AudienceImportRunId : null;
        campaign.AudienceChangedSinceUtc = campaign.Audience == AudienceKind.ExposureChanged && draft.AudienceImportRunId is null ? changedSince : null;
        ladder.ApplyTo(campaign);
    }

    private async Task<NoticeCampaign> LoadAsync(int id, int version, CancellationToken cancellationToken)
    {
        var campaign = await db.NoticeCampaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new RefusedException("campaign", "That campaign does not exist.");
        if (campaign.Version != version)
        {
            throw new ConflictException(ConflictMessage);
        }

        return campaign;
    }

    private async Task SaveAsync(NoticeCampaign campaign, CancellationToken cancellationToken)
    {
        campaign.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ConflictMessage);
        }
    }
}
