namespace Portal.Core.Domain;

public enum PersonStatus
{
    Active,
    Leaver,
}
