namespace Portal.Core.Notices;

/// <summary>A notice as its recipient reads it in the portal.</summary>
public sealed record MyNotice(int CampaignId, string Subject, string Body, DateTime? SentUtc, DateTime? AcknowledgedUtc, string? IncidentTitle = null);
