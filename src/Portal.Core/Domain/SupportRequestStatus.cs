namespace Portal.Core.Domain;

public enum SupportRequestStatus
{
    New,
    Triaged,
    InProgress,
    WaitingOnPerson,
    Resolved,
    Closed,
    Withdrawn,
}
