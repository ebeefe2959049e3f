namespace Portal.Core.Domain;

public enum ContactMethod
{
    Portal,
    WorkEmail,
    Phone,
}
