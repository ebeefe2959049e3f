namespace Portal.Core.Domain;

/// <summary>One member of the workforce, as the HR personnel extract describes them.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string PayNumber { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public PersonnelType PersonnelType { get; set; }
    public required string RankOrGrade { get; set; }
    public required string Unit { get; set; }
    public required string WorkLocation { get; set; }
    public VettingLevel VettingLevel { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased e-mail, for matching a sign-in's e-mail or UPN claim.</summary>
    public required string EmailNormalised { get; set; }

    public SensitiveRole SensitiveRole { get; set; }
    public PersonStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public string DisplayName => $"{GivenName} {FamilyName}";
}
