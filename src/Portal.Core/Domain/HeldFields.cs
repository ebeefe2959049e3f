namespace Portal.Core.Domain;

/// <summary>
/// The set of data fields one incident held about one person. Stored as a bit set on the exposure row,
/// so one person's exposure to one incident is one row however many fields were held.
/// </summary>
[Flags]
public enum HeldFields
{
    None = 0,
    Name = 1 << 0,
    RankOrGrade = 1 << 1,
    Photo = 1 << 2,
    VettingLevel = 1 << 3,
    PayNumber = 1 << 4,
    IdCardNumber = 1 << 5,
    Unit = 1 << 6,
    WorkLocation = 1 << 7,
    Email = 1 << 8,
}
