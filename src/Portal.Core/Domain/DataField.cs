namespace Portal.Core.Domain;

/// <summary>One entry in the catalogue of things about a person that an incident can expose.</summary>
public sealed class DataField
{
    /// <summary>The key used in the supplier's held-data manifest, such as <c>photo</c>.</summary>
    public required string Key { get; set; }

    public HeldFields Flag { get; set; }
    public required string Name { get; set; }

    /// <summary>What the field is, in plain English.</summary>
    public required string Meaning { get; set; }

    /// <summary>Why it matters to the person if someone else has it.</summary>
    public required string WhyItMatters { get; set; }

    public int DisplayOrder { get; set; }
}

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
