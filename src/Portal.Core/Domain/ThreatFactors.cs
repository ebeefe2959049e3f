namespace Portal.Core.Domain;

/// <summary>What bears on a person's threat level: from what was exposed, from their role, and from what they reported.</summary>
[Flags]
public enum ThreatFactors
{
    None = 0,

    // From the exposure.
    PhotoExposed = 1,
    NameAndRankExposed = 2,
    RareName = 4,

    // From the role.
    SensitiveRole = 8,
    HighVetting = 16,
    PublicFacingRole = 32,

    // From what the person reported.
    ApproachOrContact = 64,
    OnlineActivity = 128,
    HomeOrFamilyIdentified = 256,
    ThreatsReceived = 512,
}
