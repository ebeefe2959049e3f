using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>One person as the personnel extract describes them, with values in their stored form.</summary>
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
    PersonStatus Status)
{
    /// <summary>The e-mail address as people are matched to it at sign-in: two rows with the same key are the same address.</summary>
    public string EmailKey => Email.ToLowerInvariant();
}
