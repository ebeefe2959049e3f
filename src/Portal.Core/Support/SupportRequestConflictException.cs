namespace Portal.Core.Support;

/// <summary>Raised when someone else changed the request after the acting person opened it.</summary>
public sealed class SupportRequestConflictException() : SupportRequestException(
    "Someone else changed this request while you had it open. Nothing you did was saved: check the latest details below, then try again.");
