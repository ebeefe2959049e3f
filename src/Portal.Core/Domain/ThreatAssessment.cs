namespace Portal.Core.Domain;

/// <summary>
/// The welfare team's structured assessment of the threat to the person behind a support request: one per request,
/// changed as the picture changes, every change version-checked and audited. Internal: the person sees only the outcome
/// the team chooses to send them, as a message.
/// </summary>
public sealed class ThreatAssessment
{
    public int Id { get; set; }
    public int SupportRequestId { get; set; }
    public ThreatLevel Level { get; set; }
    public ThreatFactors Factors { get; set; }

    /// <summary>The assessor's reasoning, in their words. Internal.</summary>
    public string? Notes { get; set; }

    /// <summary>The UK day it is next to be reviewed; a reminder goes to the assignee and the leads that day.</summary>
    public DateOnly? ReviewOn { get; set; }

    public DateTime AssessedUtc { get; set; }
    public int AssessedByPersonId { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int UpdatedByPersonId { get; set; }

    /// <summary>Incremented by every change; a save with a stale version is refused.</summary>
    public int Version { get; set; }

    public List<ProtectiveMeasure> Measures { get; set; } = [];
}

/// <summary>A measure an assessment recommends, with who owns it and where it has got to.</summary>
public sealed class ProtectiveMeasure
{
    public int Id { get; set; }
    public int ThreatAssessmentId { get; set; }
    public ProtectiveMeasureKind Kind { get; set; }
    public required string Owner { get; set; }
    public ProtectiveMeasureStatus Status { get; set; }
}
