using Portal.Core.Domain;

namespace Portal.Web.Pages.Welfare;

/// <summary>How the workspace shows priorities and SLA clocks.</summary>
public static class Welfare
{
    public static string PriorityTag(Priority priority) => priority switch
    {
        Priority.Critical => "govuk-tag--red",
        Priority.High => "govuk-tag--orange",
        Priority.Medium => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string Clock(DateTime dueUtc, bool paused, SupportRequestStatus status, DateTime now)
    {
        if (status is SupportRequestStatus.Resolved or SupportRequestStatus.Closed or SupportRequestStatus.Withdrawn)
        {
            return "–";
        }

        if (paused)
        {
            return "Paused: waiting on the person";
        }

        var left = dueUtc - now;
        return left < TimeSpan.Zero ? $"Overdue by {Span(-left)}" : $"Due in {Span(left)}";
    }

    /// <summary>Waiting time against the SLA, as a priority reason: only once a request is overdue.</summary>
    public static string? WaitingReason(DateTime dueUtc, bool paused, SupportRequestStatus status, DateTime now) =>
        IsOverdue(dueUtc, paused, status, now) ? $"Waiting: {Clock(dueUtc, paused, status, now).ToLowerInvariant()} against its SLA" : null;

    public static bool IsOverdue(DateTime dueUtc, bool paused, SupportRequestStatus status, DateTime now) =>
        !paused && dueUtc < now && status is not (SupportRequestStatus.Resolved or SupportRequestStatus.Closed or SupportRequestStatus.Withdrawn);

    /// <summary>The first-contact target while nobody has reached the person yet; null once they have (or for a request made before it was kept).</summary>
    public static string? FirstContactClock(DateTime? firstContactDueUtc, bool contacted, SupportRequestStatus status, DateTime now)
    {
        if (contacted || firstContactDueUtc is not { } due || status is SupportRequestStatus.Resolved or SupportRequestStatus.Closed or SupportRequestStatus.Withdrawn)
        {
            return null;
        }

        var left = due - now;
        return left < TimeSpan.Zero ? $"First contact overdue by {Span(-left)}" : $"First contact due in {Span(left)}";
    }

    public static bool IsFirstContactOverdue(DateTime? firstContactDueUtc, bool contacted, SupportRequestStatus status, DateTime now) =>
        !contacted && firstContactDueUtc < now && status is not (SupportRequestStatus.Resolved or SupportRequestStatus.Closed or SupportRequestStatus.Withdrawn);

    // A number and its unit never part at the end of a line (a narrow column wrapped "Due in 3 h" after the 3).
    private static string Span(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{(int)span.TotalDays}\u00A0days" : span.TotalHours >= 1 ? $"{(int)span.TotalHours}\u00A0h" : $"{Math.Max(1, (int)span.TotalMinutes)}\u00A0min";
}
