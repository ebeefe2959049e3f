namespace Portal.Core.Domain;

public enum GuidanceStatus
{
    Draft,
    Published,
}
