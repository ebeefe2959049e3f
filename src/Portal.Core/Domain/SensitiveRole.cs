namespace Portal.Core.Domain;

public enum SensitiveRole
{
    None,
    Covert,
    Protection,
    CounterTerrorism,
}
