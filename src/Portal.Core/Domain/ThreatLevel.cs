namespace Portal.Core.Domain;

/// <summary>The threat to a person, as the welfare team assesses it: the UK's five threat levels, from none to severe.</summary>
public enum ThreatLevel
{
    None,
    Low,
    Moderate,
    Substantial,
    Severe,
}
