namespace Portal.Core.Domain;

public enum AudienceKind
{
    EveryoneActive,
    Incident,
    Units,
    NotAcknowledged,

    /// <summary>People whose exposure a manifest import changed: one import, or any since a date.</summary>
    ExposureChanged,
}
