namespace Portal.Core.Texts;

/// <summary>What a person sees of their mobile number: masked, never whole.</summary>
public sealed record MobileStatus(string? Confirmed, DateTime? ConfirmedUtc, bool CodeWaiting, DateTime? CodeExpiresUtc);
