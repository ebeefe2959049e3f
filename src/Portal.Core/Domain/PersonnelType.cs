namespace Portal.Core.Domain;

public enum PersonnelType
{
    Officer,
    Staff,
    Volunteer,
    Contractor,
}
