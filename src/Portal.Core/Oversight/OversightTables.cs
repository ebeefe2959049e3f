namespace Portal.Core.Oversight;

/// <summary>The keys of the tables each scope's figures hold, and the columns of the notice tables.</summary>
public static class OversightTables
{
    public const string NoticesByCampaign = "notices-by-campaign";
    public const string NoticesByUnit = "notices-by-unit";
    public const string NoticesByDay = "notices-by-day";
    public const string RequestsByDay = "requests-by-day";
    public const string RequestsByStatus = "requests-by-status";
    public const string RequestsByPriority = "requests-by-priority";
    public const string RequestsByType = "requests-by-type";
    public const string AssessmentsByRank = "assessments-by-rank";
    public const string AssessmentsByLevel = "assessments-by-level";
    public const string LastDay = "last-day";

    public const string Sent = "Sent", Delivered = "Delivered", Failed = "Failed", Waiting = "Waiting to send", Confirmed = "Confirmed", NotConfirmed = "Not confirmed";
    public const string All = "All", Open = "Open", AwaitingContact = "Waiting for first contact", Overdue = "Overdue";

    public static IReadOnlyList<string> NoticeColumns { get; } = [Sent, Delivered, Failed, Waiting, Confirmed, NotConfirmed];

    /// <summary>Sent = delivered + failed + waiting; sent = confirmed + not confirmed.</summary>
    public static IReadOnlyList<int[]> NoticeSums { get; } = [[0, 1, 2, 3], [0, 4, 5]];

    public static IReadOnlyList<string> RequestColumns { get; } = [All, Open, AwaitingContact, Overdue];
}
