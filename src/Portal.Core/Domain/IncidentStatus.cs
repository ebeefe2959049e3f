namespace Portal.Core.Domain;

public enum IncidentStatus
{
    Investigating,
    Confirmed,
    Closed,
}
