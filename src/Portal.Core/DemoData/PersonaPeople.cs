using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.DemoData;

/// <summary>
/// The people behind the development sign-in's personas. The generator places them in the synthetic
/// workforce at these pay numbers, so each persona shows a different case on "Am I affected?".
/// </summary>
public static class PersonaPeople
{
    /// <summary>A constable whose name, rank, photo, vetting, pay and card numbers were held, and who was also in the FOI disclosure.</summary>
    public static readonly PersonnelRecord AffectedConstable = new(
        "130412", "Siobhán", "O'Connell", PersonnelType.Officer, "Constable", "Neighbourhood Policing", "Eastbridge Police Station",
        VettingLevel.NPPV2, "siobhan.oconnell@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    /// <summary>A detective sergeant in a covert role, in the supplier breach with every field it held.</summary>
    public static readonly PersonnelRecord CovertOfficer = new(
        "112007", "Tomasz", "Wiśniewski", PersonnelType.Officer, "Detective Sergeant", "Covert Policing", "Headquarters, Queen's Walk",
        VettingLevel.SC, "tomasz.wisniewski@northshire.police.example", SensitiveRole.Covert, PersonStatus.Active);

    /// <summary>A member of staff who joined after the supplier's data was taken, so is in neither incident.</summary>
    public static readonly PersonnelRecord UnaffectedStaff = new(
        "146901", "Lan", "Nguyễn", PersonnelType.Staff, "Band D", "HR Services", "Headquarters, Queen's Walk",
        VettingLevel.NPPV2, "lan.nguyen@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static readonly PersonnelRecord WelfareOfficer = new(
        "120001", "Gareth", "Pryce-Jones", PersonnelType.Staff, "Band C", "Welfare and Occupational Health", "Headquarters, Queen's Walk",
        VettingLevel.NPPV3, "gareth.pryce-jones@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static readonly PersonnelRecord WelfareLead = new(
        "120002", "Funmilayo", "Adeyemi", PersonnelType.Staff, "Band B", "Welfare and Occupational Health", "Headquarters, Queen's Walk",
        VettingLevel.SC, "funmilayo.adeyemi@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static readonly PersonnelRecord Administrator = new(
        "125000", "Ruth", "Abernethy", PersonnelType.Staff, "Band B", "Information Security", "Headquarters, Queen's Walk",
        VettingLevel.SC, "ruth.abernethy@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static readonly PersonnelRecord OversightMember = new(
        "125001", "Margaret", "Ó Briain", PersonnelType.Staff, "Band A", "Corporate Governance", "Headquarters, Queen's Walk",
        VettingLevel.SC, "margaret.obriain@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static readonly PersonnelRecord ClaimsAssessor = new(
        "125002", "Priya", "Raman", PersonnelType.Staff, "Band C", "Finance", "Headquarters, Queen's Walk",
        VettingLevel.NPPV2, "priya.raman@northshire.police.example", SensitiveRole.None, PersonStatus.Active);

    public static IReadOnlyList<PersonnelRecord> All { get; } =
        [AffectedConstable, CovertOfficer, UnaffectedStaff, WelfareOfficer, WelfareLead, Administrator, OversightMember, ClaimsAssessor];
}
