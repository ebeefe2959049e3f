namespace Portal.Core.People;

public sealed record PersonEntry(string PayNumber, string GivenName, string FamilyName, string PersonnelType, string RankOrGrade, string Unit, string WorkLocation,
    string VettingLevel, string Email, string SensitiveRole, string Status, DateTime CreatedUtc, DateTime UpdatedUtc);
