namespace Portal.Core.People;

/// <summary>The mobile number the person registered, and the texts the portal sent to it (what for, and what became of each).</summary>
public sealed record MobileEntry(string? Number, DateTime? ConfirmedUtc, IReadOnlyList<TextEntry> Texts);
