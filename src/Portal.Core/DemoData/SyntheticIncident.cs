using Portal.Core.Domain;

namespace Portal.Core.DemoData;

/// <summary>An incident of the synthetic world, with its manifest of fields held per pay number.</summary>
public sealed record SyntheticIncident(
    string Reference,
    string Title,
    string Source,
    string Summary,
    IncidentStatus Status,
    DateOnly OccurredOn,
    DateOnly DiscoveredOn,
    IReadOnlyList<string> NotIncluded,
    IReadOnlyList<(DateTime PostedUtc, string Text)> Updates,
    IReadOnlyList<(string PayNumber, HeldFields Fields)> Manifest)
{
    public string ManifestFileName => $"manifest-{Reference}.csv";
}
