namespace Portal.Core.Notices;

/// <summary>Someone else changed the campaign since the page was loaded.</summary>
public sealed class CampaignConflictException() : CampaignException("conflict", "Another administrator changed this campaign while you were looking at it. Check it again below, then try again.");
