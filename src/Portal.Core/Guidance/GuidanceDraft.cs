using Portal.Core.Domain;

namespace Portal.Core.Guidance;

/// <summary>An article as its author writes it.</summary>
public sealed record GuidanceDraft(string? Slug, string? Title, string? Summary, string? Body, HeldFields Fields, IReadOnlyList<SensitiveRole> ForRoles, DateOnly? LastReviewedOn);
