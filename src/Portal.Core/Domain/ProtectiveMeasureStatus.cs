namespace Portal.Core.Domain;

/// <summary>Where a recommended measure has got to.</summary>
public enum ProtectiveMeasureStatus
{
    Recommended,
    Agreed,
    InPlace,
    Declined,
    NoLongerNeeded,
}
