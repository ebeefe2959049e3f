using Portal.Core.Domain;

namespace Portal.Core.Claims;

/// <summary>A claim's status in words, the same for the claimant and the assessors.</summary>
public static class ClaimStatuses
{
    public static string Describe(ClaimStatus status) => status switch
    {
        ClaimStatus.Submitted => "Waiting to be checked",
        ClaimStatus.CheckedOnce => "Approved once, waiting for a second approval",
        ClaimStatus.PartlyApproved => "Partly approved",
        ClaimStatus.Approved => "Approved",
        ClaimStatus.Refused => "Refused",
        ClaimStatus.Withdrawn => "Withdrawn",
        _ => "Paid",
    };
}
