using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>What an administrator writes for a campaign, before it is checked.</summary>
public sealed record CampaignDraft(
    string? Subject,
    string? Body,
    int? IncidentId,
    AudienceKind? Audience,
    int? AudienceIncidentId,
    IReadOnlyList<string> AudienceUnits,
    int? AudienceCampaignId,
    LadderDraft? Ladder = null,
    int? AudienceImportRunId = null,
    string? AudienceChangedSince = null);
