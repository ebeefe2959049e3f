using Portal.Core.Domain;

namespace Portal.Core.Incidents;

/// <summary>An incident as an administrator writes it. Dates are calendar days; the categories not included are one per line.</summary>
public sealed record IncidentDraft(
    string? Reference, string? Title, string? Source, string? Summary, IncidentStatus? Status, DateOnly? OccurredOn, DateOnly? DiscoveredOn, string? NotIncluded);
