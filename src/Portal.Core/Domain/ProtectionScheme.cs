namespace Portal.Core.Domain;

/// <summary>
/// A scheme that pays for protective measures people arrange themselves: a flat payment on a declaration, or
/// reimbursement on receipts up to a cap per person. Open between two UK days to the people of its audience (everyone
/// active, the people an incident held, or chosen units — as a notice's audience).
/// </summary>
public sealed class ProtectionScheme
{
    public int Id { get; set; }

    /// <summary>The code payroll knows the payments by, such as "HSG26".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>What it pays for, as people read it before they claim.</summary>
    public required string Covers { get; set; }

    public SchemeKind Kind { get; set; }

    /// <summary>The flat payment, or the most one person may be reimbursed in all their claims on it, in pence.</summary>
    public long AmountPence { get; set; }

    public AudienceKind Audience { get; set; }
    public int? AudienceIncidentId { get; set; }
    public List<string> AudienceUnits { get; set; } = [];

    /// <summary>The first and last UK days claims are taken.</summary>
    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    /// <summary>What evidence a claim needs, as people read it before they claim.</summary>
    public required string EvidenceNeeded { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int? UpdatedByPersonId { get; set; }

    /// <summary>Incremented by every change; a save with a stale version is refused.</summary>
    public int Version { get; set; }
}
