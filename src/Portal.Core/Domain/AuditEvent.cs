namespace Portal.Core.Domain;

/// <summary>
/// An append-only record of an access to another person's data or an administrative action: who, when (UTC),
/// what, about whom, from where.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }

    /// <summary>The signed-in person who acted, when they have a personnel record.</summary>
    public int? ActorPersonId { get; set; }

    /// <summary>The sign-in's subject identifier, kept even when the actor has no personnel record.</summary>
    public required string ActorSubject { get; set; }

    /// <summary>What was done, as a dotted verb such as <c>support_request.viewed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Whose data it was.</summary>
    public int? SubjectPersonId { get; set; }

    /// <summary>What it was done to, such as a support request's reference.</summary>
    public string? Target { get; set; }

    public string? Detail { get; set; }

    /// <summary>The client address the request came from.</summary>
    public string? From { get; set; }

    /// <summary>The event's place in the chain: 1, 2, 3, … with no gaps. Null only for an event not yet sealed.</summary>
    public long? Sequence { get; set; }

    /// <summary>The <see cref="Hash"/> of the event before this one in the chain; empty for the first.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>
    /// HMAC-SHA-256, hex, under the key <see cref="KeyId"/>, over this event's contents and <see cref="PreviousHash"/>:
    /// changing or removing any event breaks the chain after it, and only a holder of the key (never the database) can seal one.
    /// </summary>
    public string? Hash { get; set; }

    /// <summary>The id of the key (in <c>Audit:Keys</c>) that sealed this event.</summary>
    public string? KeyId { get; set; }
}

/// <summary>The end of the audit chain: the last event's sequence and hash, so that events removed from the end are noticed too.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = "";
}

/// <summary>The actions the audit trail records, named once.</summary>
public static class AuditActions
{
    /// <summary>Every action, in order, for choosing one without reading the whole trail to find them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. typeof(AuditActions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    /// <summary>Someone asked for another person's support request or notice by its reference or id, and was told it is not found.</summary>
    public const string AccessRefused = "access.refused";

    /// <summary>Someone signed in asked for a page their role does not open, and was refused.</summary>
    public const string AccessForbidden = "access.forbidden";
    /// <summary>A person downloaded their own copy of what the portal holds about them.</summary>
    public const string SubjectAccessDownloaded = "subject_access.downloaded";
    /// <summary>The retention job removed what had passed its period; the detail says how much.</summary>
    public const string RetentionApplied = "retention.applied";
    public const string SupportRequestViewed = "support_request.viewed";
    public const string SupportRequestRefused = "support_request.refused";
    public const string PriorityOverridden = "support_request.priority_overridden";
    public const string CampaignCreated = "campaign.created";
    public const string CampaignUpdated = "campaign.updated";
    public const string CampaignSubmittedForApproval = "campaign.submitted_for_approval";
    public const string CampaignApproved = "campaign.approved";
    public const string CampaignReturnedToDraft = "campaign.returned_to_draft";
    public const string CampaignSent = "campaign.sent";
    public const string CampaignScheduled = "campaign.scheduled";
    public const string CampaignPaused = "campaign.paused";
    public const string CampaignResumed = "campaign.resumed";
    public const string CampaignCancelled = "campaign.cancelled";
    public const string CampaignPreviewed = "campaign.previewed";
    public const string CampaignTestSent = "campaign.test_sent";
    public const string CampaignFailuresExported = "campaign.failures_exported";
    public const string IncidentCreated = "incident.created";
    public const string IncidentUpdated = "incident.updated";
    public const string IncidentStatusChanged = "incident.status_changed";
    public const string IncidentUpdatePosted = "incident.update_posted";
    public const string ImportUploaded = "import.uploaded";
    public const string ImportApplyRequested = "import.apply_requested";
    public const string ImportApplied = "import.applied";
    public const string ImportFailed = "import.failed";
    public const string ImportDiscarded = "import.discarded";
    public const string ImportReportDownloaded = "import.report_downloaded";
    public const string GuidanceDraftSaved = "guidance.draft_saved";
    public const string GuidancePublished = "guidance.published";
    public const string AuditSearched = "audit.searched";
    public const string AuditExported = "audit.exported";
    public const string AuditVerified = "audit.verified";
}
