namespace Portal.Core.Notices;

/// <summary>What fills a notice's placeholders for one recipient: nothing that says what was exposed.</summary>
public sealed record NoticeValues(string GivenName, string Rank, string PortalLink, string NoticeLink, string IncidentTitle);
