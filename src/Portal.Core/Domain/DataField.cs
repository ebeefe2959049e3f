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
