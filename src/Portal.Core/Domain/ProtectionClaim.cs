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

    /// <summary>The assessor working the claim, if any.</summary>
    public int? AssignedToPersonId { get; set; }

    /// <summary>Who proposed the approved amount, and when.</summary>
    public int? FirstApproverPersonId { get; set; }

    public DateTime? FirstApprovedUtc { get; set; }

    /// <summary>Who confirmed it: never the first approver, and never the claimant.</summary>
    public int? SecondApproverPersonId { get; set; }

    /// <summary>When it was approved by the second person, or refused.</summary>
    public DateTime? DecidedUtc { get; set; }

    /// <summary>Why less than claimed was approved, or why the claim was refused. The claimant reads it.</summary>
    public string? DecisionReason { get; set; }

    /// <summary>The payment file the approved amount went out in: set once, by the export that took it.</summary>
    public int? PaymentFileId { get; set; }

    public DateTime? PaidUtc { get; set; }

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

    /// <summary>The supplier's name as the duplicate check compares it: letters and digits, in capitals.</summary>
    public string SupplierKey { get; set; } = "";

    public DateOnly BoughtOn { get; set; }
    public long AmountPence { get; set; }

    /// <summary>The receipt's SHA-256 (hex): the same file in any other claim, by anyone, is flagged to the assessors.</summary>
    public required string ReceiptSha256 { get; set; }

    /// <summary>The receipt's type as its bytes show it: application/pdf, image/jpeg or image/png.</summary>
    public required string ReceiptContentType { get; set; }

    public long ReceiptBytes { get; set; }

    /// <summary>The file's name in the receipts folder (outside the web root): never the name it was uploaded with.</summary>
    public required string ReceiptFile { get; set; }

    /// <summary>When retention removed the receipt's file. Its SHA-256 stays, for the duplicate check.</summary>
    public DateTime? ReceiptRemovedUtc { get; set; }
}

/// <summary>A message on a claim, between the claimant and the assessors; decisions with a reason are written as one.</summary>
public sealed class ClaimMessage
{
    public long Id { get; set; }
    public int ClaimId { get; set; }

    /// <summary>Who wrote it; null for the portal itself.</summary>
    public int? FromPersonId { get; set; }

    /// <summary>True when the claimant wrote it.</summary>
    public bool FromClaimant { get; set; }

    public required string Body { get; set; }
    public DateTime SentUtc { get; set; }
}

/// <summary>
/// A payment file for payroll: the approved claims it took, once each, and its bytes as first written, so that
/// downloading it again gives the same file and never new payments.
/// </summary>
public sealed class PaymentFile
{
    public int Id { get; set; }
    public DateTime CreatedUtc { get; set; }
    public int? CreatedByPersonId { get; set; }
    public int ClaimCount { get; set; }
    public long TotalPence { get; set; }

    /// <summary>The CSV as exported.</summary>
    public byte[] Content { get; set; } = [];

    public required string Sha256 { get; set; }

    /// <summary>When payroll was told to have paid it, and by whom; its claims are then paid.</summary>
    public DateTime? PaidUtc { get; set; }

    public int? PaidByPersonId { get; set; }
    public int Version { get; set; }

    public string Name => NameOf(Id);

    public static string NameOf(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"payments-{id:000000}.csv");
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
