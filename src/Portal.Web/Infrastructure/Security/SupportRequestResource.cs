namespace Portal.Web.Infrastructure.Security;

/// <summary>What the welfare workspace needs to know about a request to decide who may work on it.</summary>
public sealed record SupportRequestResource(int Id, int RequesterPersonId, bool Restricted);
