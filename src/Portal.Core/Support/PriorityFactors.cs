using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>What the priority of a request is computed from.</summary>
public sealed record PriorityFactors(
    SupportRequestType Type,
    StatedUrgency StatedUrgency,
    SensitiveRole SensitiveRole,
    VettingLevel VettingLevel,
    IReadOnlyList<string> IncidentsHoldingPhoto,
    int PeopleSharingFamilyName,
    int RareNameThreshold);
