namespace Portal.Core.Domain;

/// <summary>A notice sent to an audience: subject and body templates, who it is for, and where sending has got to.</summary>
public sealed class NoticeCampaign
{
    public int Id { get; set; }
    public required string Subject { get; set; }

    /// <summary>The body, with placeholders limited to what is safe in an e-mail (no exposure details).</summary>
    public required string BodyTemplate { get; set; }

    /// <summary>The incident the notice is about, for the <c>((incident_title))</c> placeholder; optional.</summary>
    public int? IncidentId { get; set; }

    public AudienceKind Audience { get; set; }

    /// <summary>For <see cref="AudienceKind.Incident"/>: the incident whose people receive it.</summary>
    public int? AudienceIncidentId { get; set; }

    /// <summary>For <see cref="AudienceKind.Units"/>: the units whose people receive it.</summary>
    public List<string> AudienceUnits { get; set; } = [];

    /// <summary>For <see cref="AudienceKind.NotAcknowledged"/>: the earlier campaign this follows up.</summary>
    public int? AudienceCampaignId { get; set; }

    /// <summary>For <see cref="AudienceKind.ExposureChanged"/>: the import whose changes it follows; or else <see cref="AudienceChangedSinceUtc"/>.</summary>
    public int? AudienceImportRunId { get; set; }

    /// <summary>For <see cref="AudienceKind.ExposureChanged"/> without an import: changes from this time on.</summary>
    public DateTime? AudienceChangedSinceUtc { get; set; }

    public CampaignStatus Status { get; set; }
    public DateTime? ScheduledForUtc { get; set; }
    public int? CreatedByPersonId { get; set; }

    /// <summary>The sign-in subject of whoever composed it: the approver must be someone else.</summary>
    public string? CreatedBySubject { get; set; }

    public int? ApprovedByPersonId { get; set; }
    public string? ApprovedBySubject { get; set; }
    public DateTime? ApprovedUtc { get; set; }

    /// <summary>The escalation ladder: hours after a person's notice without their confirmation before each step; null leaves a step out.</summary>
    public int? ReminderAfterHours { get; set; }

    public int? TextAfterHours { get; set; }

    public int? LetterAfterHours { get; set; }

    public int? CallAfterHours { get; set; }

    /// <summary>How many delivery rows were written when sending started.</summary>
    public int? RecipientCount { get; set; }

    /// <summary>
    /// How many were sent, kept once it can no longer change: when the campaign completes, and by retention before it
    /// removes the delivery rows. Until then it is counted from the rows.
    /// </summary>
    public int? SentCount { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public int Version { get; set; }
}
