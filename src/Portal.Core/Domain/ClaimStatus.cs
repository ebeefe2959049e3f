namespace Portal.Core.Domain;

/// <summary>Where a claim on a protection scheme has got to.</summary>
public enum ClaimStatus
{
    Submitted,
    PartlyApproved,
    Approved,
    Refused,
    Withdrawn,
    Paid,
}
