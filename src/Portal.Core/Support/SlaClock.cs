using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>
/// Service-level time for a priority: working time on the team's calendar (<see cref="WorkingCalendar"/>), or every
/// hour for the priorities that run all hours (Critical, by default).
/// </summary>
public sealed class SlaClock(SupportOptions options)
{
    private readonly WorkingCalendar calendar = new(options.WorkingHours);

    public bool RunsAllHours(Priority priority) => priority <= options.AllHoursUpTo;

    /// <summary>When a target of <paramref name="target"/> set at <paramref name="fromUtc"/> falls due.</summary>
    public DateTime Due(DateTime fromUtc, TimeSpan target, Priority priority)
    {
        if (target < TimeSpan.Zero)
        {
            // Already overdue by this much: it stays so, by the clock on the wall.
            return fromUtc + target;
        }

        return RunsAllHours(priority) ? fromUtc + target : calendar.Add(fromUtc, target);
    }

    /// <summary>The time left at <paramref name="atUtc"/> before <paramref name="dueUtc"/>, counted as the priority counts it; negative once overdue.</summary>
    public TimeSpan Left(DateTime atUtc, DateTime dueUtc, Priority priority) =>
        RunsAllHours(priority) ? dueUtc - atUtc
        : dueUtc >= atUtc ? calendar.Between(atUtc, dueUtc) : -(atUtc - dueUtc);
}
