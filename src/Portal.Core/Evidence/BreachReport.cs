using Portal.Core.Domain;

namespace Portal.Core.Evidence;

/// <summary>
/// An incident's report to the regulator as drawn now: the headings of UK GDPR Art. 33(3), the figures counted from the
/// portal's data, and the administrator's words from the latest saved version (or a first draft of them).
/// </summary>
public sealed record BreachReport(
    int IncidentId,
    string Reference,
    string Title,
    string Source,
    IncidentStatus Status,
    DateOnly OccurredOn,
    DateOnly DiscoveredOn,
    IReadOnlyList<(string Category, int People)> PeopleByCategory,
    int People,
    int Records,
    IReadOnlyList<(string Field, int People)> FieldsHeld,
    IReadOnlyList<string> NotHeld,
    IReadOnlyList<BreachReportNotice> Notices,
    IReadOnlyList<(string Type, int Requests)> SupportByType,
    int SupportRequests,
    int PeopleWhoAskedForSupport,
    IReadOnlyList<(string Title, DateOnly Reviewed)> Guidance,
    string DataProtectionOfficer,
    BreachReportText Text,
    DateTime DrawnUtc)
{
    /// <summary>Whether it was (or, not yet reported, is now) reported late: see <see cref="IsLate"/>.</summary>
    public bool Late(DateOnly today) => IsLate(DiscoveredOn, Text.ReportedOn ?? today);

    /// <summary>
    /// Art. 33(1): a report is due within 72 hours of the controller becoming aware of the breach, or must give the
    /// reasons for the delay. Only the days are known, so a report on the third day after the day of discovery is on time.
    /// </summary>
    public static bool IsLate(DateOnly discoveredOn, DateOnly reportedOn) => reportedOn.DayNumber - discoveredOn.DayNumber > 3;
}

/// <summary>A notice about the incident, as the report lists it: when it went, to how many, how many it reached and confirmed.</summary>
public sealed record BreachReportNotice(string Subject, DateTime? StartedUtc, int Recipients, int Delivered, int Confirmed);

/// <summary>The administrator's words in the report, and which saved version they are (0: the first draft, never saved).</summary>
public sealed record BreachReportText(
    string Nature, string LikelyConsequences, string OtherMeasures, DateOnly? ReportedOn, string? DelayReasons, int Version, DateTime? SavedUtc, string? SavedBy);
