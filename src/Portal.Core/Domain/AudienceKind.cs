namespace Portal.Core.Domain;

public enum AudienceKind
{
    EveryoneActive,
    Incident,
    Units,
    NotAcknowledged,
}
