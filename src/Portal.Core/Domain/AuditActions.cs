namespace Portal.Core.Domain;

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
    /// <summary>A welfare officer changed a request as one of many chosen on the queue (the detail says what).</summary>
    public const string SupportRequestChanged = "support_request.changed";
    /// <summary>A welfare officer recorded the first threat assessment of a request (the detail says the level, factors, measures and review).</summary>
    public const string ThreatAssessed = "threat_assessment.recorded";

    /// <summary>A welfare officer changed a request's threat assessment (the detail says what it now is).</summary>
    public const string ThreatAssessmentChanged = "threat_assessment.changed";
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

    /// <summary>An administrator read a page of the people who have not confirmed a campaign or an incident's notices.</summary>
    public const string UnconfirmedViewed = "outreach.unconfirmed_viewed";

    /// <summary>An administrator opened a unit's briefing sheet of the people who have not confirmed.</summary>
    public const string BriefingSheetOpened = "outreach.briefing_sheet_opened";

    /// <summary>An administrator downloaded the people who have not confirmed as a CSV.</summary>
    public const string UnconfirmedExported = "outreach.unconfirmed_exported";

    /// <summary>An administrator downloaded a batch of the ladder's letters (they name people).</summary>
    public const string LettersDownloaded = "outreach.letters_downloaded";

    /// <summary>A person was issued a statement of what the portal holds about them (the target names its code).</summary>
    public const string StatementIssued = "statement.issued";

    /// <summary>Someone checked a statement's code, and perhaps its document, at /verify.</summary>
    public const string StatementVerified = "statement.verified";

    /// <summary>Someone in oversight or an administrator downloaded a board pack (the target names the file).</summary>
    public const string BoardPackDownloaded = "oversight.board_pack_downloaded";

    /// <summary>Someone in oversight or an administrator downloaded the current oversight figures as a CSV.</summary>
    public const string FiguresDownloaded = "oversight.figures_downloaded";

    /// <summary>An administrator saved a version of an incident's report to the regulator (the detail names the version).</summary>
    public const string BreachReportSaved = "breach_report.saved";

    /// <summary>An administrator downloaded an incident's report to the regulator.</summary>
    public const string BreachReportDownloaded = "breach_report.downloaded";

    /// <summary>An administrator recorded a decision about an incident, with its reasons.</summary>
    public const string DecisionRecorded = "decision.recorded";

    /// <summary>An administrator downloaded an incident's evidence export (the detail names the format).</summary>
    public const string EvidenceExported = "incident.evidence_exported";

    /// <summary>An administrator set up or changed a protection scheme (the detail says its code, kind, amount, audience and dates).</summary>
    public const string ClaimSchemeSaved = "claim_scheme.saved";

    /// <summary>A person made a claim on a protection scheme (the detail names the scheme's code and the amount).</summary>
    public const string ClaimSubmitted = "claim.submitted";

    /// <summary>A claims assessor opened a claim (it names the claimant).</summary>
    public const string ClaimViewed = "claim.viewed";

    /// <summary>A claims assessor took a claim to work, or let it go (the detail says which).</summary>
    public const string ClaimAssigned = "claim.assigned";

    /// <summary>A claims assessor approved a claim, first or second (the detail says which, and the amount).</summary>
    public const string ClaimApproved = "claim.approved";

    /// <summary>A claims assessor refused a claim (its reason is the claimant's message, not in the trail).</summary>
    public const string ClaimRefused = "claim.refused";

    /// <summary>A message was written on a claim, by an assessor or the claimant (never its text).</summary>
    public const string ClaimMessageSent = "claim.message_sent";

    /// <summary>A claims assessor opened one of a claim's receipts.</summary>
    public const string ClaimReceiptViewed = "claim.receipt_viewed";

    /// <summary>An administrator exported the approved claims as a payment file (the detail says how many and the total).</summary>
    public const string PaymentFileExported = "payment_file.exported";

    /// <summary>An administrator downloaded a payment file (it names pay numbers and amounts).</summary>
    public const string PaymentFileDownloaded = "payment_file.downloaded";

    /// <summary>An administrator recorded that payroll paid a payment file; its claims are paid.</summary>
    public const string PaymentFilePaid = "payment_file.paid";

    /// <summary>A welfare lead saved a reply for the team (the detail is its title).</summary>
    public const string SavedReplySaved = "saved_reply.saved";

    /// <summary>A welfare lead deleted a saved reply.</summary>
    public const string SavedReplyDeleted = "saved_reply.deleted";

    /// <summary>A person confirmed a mobile number for texts (the number is never recorded).</summary>
    public const string MobileConfirmed = "mobile.confirmed";

    /// <summary>A person removed their mobile number.</summary>
    public const string MobileRemoved = "mobile.removed";
    public const string IncidentCreated = "incident.created";
    public const string IncidentUpdated = "incident.updated";
    public const string IncidentStatusChanged = "incident.status_changed";
    public const string IncidentUpdatePosted = "incident.update_posted";

    /// <summary>An administrator recorded that fields of an incident are suspected, confirmed or ruled out.</summary>
    public const string IncidentFieldStatusRecorded = "incident.field_status_recorded";
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
