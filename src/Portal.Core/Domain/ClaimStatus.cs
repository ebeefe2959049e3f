namespace Portal.Core.Domain;

/// <summary>
/// Where a claim on a protection scheme has got to. A claim is approved by two different people: the first proposes
/// the amount (<see cref="CheckedOnce"/>), the second confirms it (<see cref="Approved"/>, or <see cref="PartlyApproved"/>
/// when it is less than claimed). It is <see cref="Paid"/> once the payment file it went out in is marked paid.
/// </summary>
public enum ClaimStatus
{
    Submitted,
    PartlyApproved,
    Approved,
    Refused,
    Withdrawn,
    Paid,
    CheckedOnce,
}
