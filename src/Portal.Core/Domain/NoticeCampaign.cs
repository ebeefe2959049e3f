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

    public CampaignStatus Status { get; set; }
    public DateTime? ScheduledForUtc { get; set; }
    public int? CreatedByPersonId { get; set; }

    /// <summary>The sign-in subject of whoever composed it: the approver must be someone else.</summary>
    public string? CreatedBySubject { get; set; }

    public int? ApprovedByPersonId { get; set; }
    public string? ApprovedBySubject { get; set; }
    public DateTime? ApprovedUtc { get; set; }

    /// <summary>How many delivery rows were written when sending started.</summary>
    public int? RecipientCount { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public int Version { get; set; }
}

public enum AudienceKind
{
    EveryoneActive,
    Incident,
    Units,
    NotAcknowledged,
}

public enum CampaignStatus
{
    Draft,

    /// <summary>Sent for sending to more people than the approval threshold; waits for a second administrator.</summary>
    AwaitingApproval,
    Scheduled,
    Sending,
    Paused,
    Completed,
    Cancelled,
}

/// <summary>
/// One recipient of one campaign (unique per campaign and person). This table, not the job queue, is the truth
/// about who has been warned.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int PersonId { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Which batch run holds the row while it is <see cref="DeliveryStatus.Sending"/>; only that run may stamp it.</summary>
    public string? ClaimToken { get; set; }

    public DateTime? ClaimedUtc { get; set; }
    public DateTime? NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
}

public enum DeliveryStatus
{
    Pending,
    Sending,
    Sent,
    FailedTemporary,
    FailedPermanent,

    /// <summary>Not sent because the campaign was cancelled first.</summary>
    Cancelled,
}

/// <summary>A person confirming in the portal that they have read a notice.</summary>
public sealed class Acknowledgement
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int PersonId { get; set; }
    public DateTime AcknowledgedUtc { get; set; }
}
