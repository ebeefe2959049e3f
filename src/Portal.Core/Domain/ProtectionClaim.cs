namespace Portal.Core.Domain;

/// <summary>
/// A person's claim on a protection scheme: for a flat payment, their declaration; for reimbursement, the items bought
/// with a receipt each. Amounts are whole pence.
/// </summary>
public sealed class ProtectionClaim
{
    public int Id { get; set; }
    public int SchemeId { get; set; }

    /// <summary>The claimant. Decided by their sign-in, never by the form.</summary>
    public int PersonId { get; set; }

    public ClaimStatus Status { get; set; }

    /// <summary>What was claimed: the flat amount, or the items' sum.</summary>
    public long ClaimedPence { get; set; }

    /// <summary>What was approved, once it is (less than claimed when partly approved).</summary>
    public long? ApprovedPence { get; set; }

    /// <summary>For a flat payment: that the person declared the scheme's terms true of them.</summary>
    public bool Declared { get; set; }

    /// <summary>Identifies the form submission that made the claim; a repeat of it returns this claim.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTime SubmittedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>Incremented by every change; a save with a stale version is refused.</summary>
    public int Version { get; set; }

    public List<ClaimItem> Items { get; set; } = [];

    public string Reference => Claims.ClaimReference.Format(Id);
}

/// <summary>One thing bought, as the receipt shows it.</summary>
public sealed class ClaimItem
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public required string What { get; set; }
    public required string Supplier { get; set; }
    public DateOnly BoughtOn { get; set; }
    public long AmountPence { get; set; }

    /// <summary>The receipt's SHA-256 (hex): the same file in any other claim, by anyone, is flagged to the assessors.</summary>
    public required string ReceiptSha256 { get; set; }

    /// <summary>The receipt's type as its bytes show it: application/pdf, image/jpeg or image/png.</summary>
    public required string ReceiptContentType { get; set; }

    public long ReceiptBytes { get; set; }

    /// <summary>The file's name in the receipts folder (outside the web root): never the name it was uploaded with.</summary>
    public required string ReceiptFile { get; set; }
}

/// <summary>
/// How much one person has claimed on one scheme, in all their claims not refused or withdrawn: one row a person and
/// scheme, changed with a version check, so two claims made at once cannot both pass the cap.
/// </summary>
public sealed class ClaimAllowance
{
    public int SchemeId { get; set; }
    public int PersonId { get; set; }
    public long ClaimedPence { get; set; }
    public int Version { get; set; }
}
