using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>
/// The status workflow as a state machine: new → triaged → in progress → waiting on the person (SLA clock
/// paused) → resolved → closed; withdrawn by the person at any open stage; resolved, closed and withdrawn
/// requests can be reopened. Anything else is refused.
/// </summary>
public static class SupportWorkflow
{
    private static readonly Dictionary<SupportRequestStatus, SupportRequestStatus[]> Allowed = new()
    {
        [SupportRequestStatus.New] = [SupportRequestStatus.Triaged, SupportRequestStatus.InProgress, SupportRequestStatus.Withdrawn],
        [SupportRequestStatus.Triaged] = [SupportRequestStatus.InProgress, SupportRequestStatus.Withdrawn],
        [SupportRequestStatus.InProgress] = [SupportRequestStatus.WaitingOnPerson, SupportRequestStatus.Resolved, SupportRequestStatus.Withdrawn],
        [SupportRequestStatus.WaitingOnPerson] = [SupportRequestStatus.InProgress, SupportRequestStatus.Resolved, SupportRequestStatus.Withdrawn],
        [SupportRequestStatus.Resolved] = [SupportRequestStatus.Closed, SupportRequestStatus.InProgress],
        [SupportRequestStatus.Closed] = [SupportRequestStatus.InProgress],
        [SupportRequestStatus.Withdrawn] = [SupportRequestStatus.InProgress],
    };

    public static bool CanMove(SupportRequestStatus from, SupportRequestStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<SupportRequestStatus> NextFrom(SupportRequestStatus from) => Allowed[from];

    public static bool IsOpen(SupportRequestStatus status) =>
        status is not (SupportRequestStatus.Resolved or SupportRequestStatus.Closed or SupportRequestStatus.Withdrawn);

    /// <summary>A move back into progress from resolved, closed or withdrawn is a reopening.</summary>
    public static bool IsReopen(SupportRequestStatus from, SupportRequestStatus to) => !IsOpen(from) && to == SupportRequestStatus.InProgress;

    public static string Describe(SupportRequestStatus status) => status switch
    {
        SupportRequestStatus.New => "New",
        SupportRequestStatus.Triaged => "Triaged",
        SupportRequestStatus.InProgress => "In progress",
        SupportRequestStatus.WaitingOnPerson => "Waiting for your reply",
        SupportRequestStatus.Resolved => "Resolved",
        SupportRequestStatus.Closed => "Closed",
        _ => "Withdrawn",
    };

    /// <summary>The status in the welfare team's words (the requester's say "waiting for your reply").</summary>
    public static string DescribeForTeam(SupportRequestStatus status) =>
        status == SupportRequestStatus.WaitingOnPerson ? "Waiting on the person" : Describe(status);

    /// <summary>What a person can ask for on the support form; the rest are made from a notice (a report of something suspicious, a welfare call).</summary>
    public static IReadOnlyList<SupportRequestType> AskedForOnTheForm { get; } =
        [.. Enum.GetValues<SupportRequestType>().Where(t => t is not (SupportRequestType.SuspiciousReport or SupportRequestType.WelfareCall))];

    public static string Describe(SupportRequestType type) => type switch
    {
        SupportRequestType.UrgentThreat => "Urgent threat or risk assessment",
        SupportRequestType.HomeOrVehicleSecurity => "Home or vehicle security",
        SupportRequestType.OnlineFootprint => "Help reducing my online footprint",
        SupportRequestType.RelocationOrDeployment => "Relocation or change of deployment",
        SupportRequestType.Wellbeing => "Wellbeing or occupational health",
        SupportRequestType.Family => "Worries about my family",
        SupportRequestType.ReplacementCard => "Replacement warrant card or pass, or a suspected clone",
        SupportRequestType.SuspiciousApproach => "Report a suspicious approach",
        SupportRequestType.SuspiciousReport => "Something suspicious seen, reported from a notice",
        SupportRequestType.WelfareCall => "A call from the welfare team about a notice",
        _ => "Other",
    };

    public static string Describe(StatedUrgency urgency) => urgency switch
    {
        StatedUrgency.Today => "Today – I feel at risk",
        StatedUrgency.ThisWeek => "This week",
        _ => "No rush",
    };

    public static string Describe(ContactMethod method) => method switch
    {
        ContactMethod.Portal => "Messages in this portal",
        ContactMethod.WorkEmail => "My work e-mail",
        _ => "Phone",
    };
}
