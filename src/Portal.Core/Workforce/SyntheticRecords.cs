using Portal.Core.Domain;

namespace Portal.Core.Workforce;

/// <summary>One person of the synthetic workforce, in the personnel extract's terms.</summary>
public sealed record PersonnelRecord(
    string PayNumber,
    string GivenName,
    string FamilyName,
    PersonnelType PersonnelType,
    string RankOrGrade,
    string Unit,
    string WorkLocation,
    VettingLevel VettingLevel,
    string Email,
    SensitiveRole SensitiveRole,
    PersonStatus Status);

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

public sealed record SyntheticWorkforce(IReadOnlyList<PersonnelRecord> People, IReadOnlyList<SyntheticIncident> Incidents);
