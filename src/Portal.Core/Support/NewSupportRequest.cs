using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>What a person tells us when they ask for support. Checked by <see cref="SupportRequests.Check"/>.</summary>
public sealed record NewSupportRequest(
    SupportRequestType Type,
    StatedUrgency StatedUrgency,
    string Description,
    ContactMethod ContactMethod,
    string? ContactPhone,
    bool ConsentToShare,
    Guid? SubmissionKey = null,
    int? CampaignId = null);
