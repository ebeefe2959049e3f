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
    /// <summary>Art. 33(1): within 72 hours of becoming aware of it, or with the reasons for the delay.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromHours(72);

    /// <summary>Whether it was (or, not yet reported, is now) reported later than 72 hours after the day it was discovered began.</summary>
    public bool Late(DateOnly today) => (Text.ReportedOn ?? today).DayNumber - DiscoveredOn.DayNumber > 3;
}

/// <summary>A notice about the incident, as the report lists it: when it went, to how many, how many it reached and confirmed.</summary>
public sealed record BreachReportNotice(string Subject, DateTime? StartedUtc, int Recipients, int Delivered, int Confirmed);

/// <summary>The administrator's words in the report, and which saved version they are (0: the first draft, never saved).</summary>
public sealed record BreachReportText(
    string Nature, string LikelyConsequences, string OtherMeasures, DateOnly? ReportedOn, string? DelayReasons, int Version, DateTime? SavedUtc, string? SavedBy);
