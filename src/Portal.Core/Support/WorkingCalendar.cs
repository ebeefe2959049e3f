using System.Collections.Concurrent;
using Portal.Core.Text;
using PublicHoliday;

namespace Portal.Core.Support;

/// <summary>
/// Working time: Monday to Friday between the day's start and end in UK time, except the bank holidays of the nation
/// the team works in (the PublicHoliday package, not a list typed by hand). Each day's hours are turned into UTC on
/// their own day, so a deadline across the clocks changing lands at the same time on the wall, not an hour out.
/// </summary>
public sealed class WorkingCalendar
{
    private const int MostDays = 3_660;

    private readonly UKBankHoliday holidays;
    private readonly TimeOnly start, end;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> byYear = new();

    public WorkingCalendar(WorkingHoursOptions options)
    {
        if (options.End <= options.Start)
        {
            throw new ArgumentException($"The working day must end after it starts; it runs from {options.Start:HH:mm} to {options.End:HH:mm}.", nameof(options));
        }

        holidays = new UKBankHoliday(options.Nation switch
        {
            UkNation.Scotland => UKBankHoliday.UkCountries.Scotland,
            UkNation.NorthernIreland => UKBankHoliday.UkCountries.NorthernIreland,
            _ => UKBankHoliday.UkCountries.England,
        });
        (start, end) = (options.Start, options.End);
    }

    public bool IsBankHoliday(DateOnly day) =>
        byYear.GetOrAdd(day.Year, year => [.. holidays.PublicHolidays(year).Select(DateOnly.FromDateTime)]).Contains(day);

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(day);

    /// <summary>The moment <paramref name="working"/> of working time after <paramref name="fromUtc"/>.</summary>
    public DateTime Add(DateTime fromUtc, TimeSpan working)
    {
        if (working <= TimeSpan.Zero)
        {
            return fromUtc;
        }

        var remaining = working;
        var day = UkTime.DateOf(fromUtc);
        for (var i = 0; i < MostDays; i++, day = day.AddDays(1))
        {
            if (Window(day) is not var (open, close))
            {
                continue;
            }

            var from = fromUtc > open ? fromUtc : open;
            if (from >= close)
            {
                continue;
            }

            if (close - from >= remaining)
            {
                return from + remaining;
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException($"{working} of working time does not fit in ten years.");
    }

    /// <summary>The working time between two moments (zero when the second is not after the first).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        var total = TimeSpan.Zero;
        for (var day = UkTime.DateOf(fromUtc); fromUtc < toUtc && day <= UkTime.DateOf(toUtc); day = day.AddDays(1))
        {
            if (Window(day) is var (open, close))
            {
                var from = fromUtc > open ? fromUtc : open;
                var to = toUtc < close ? toUtc : close;
                total += to > from ? to - from : TimeSpan.Zero;
            }
        }

        return total;
    }

    private (DateTime Open, DateTime Close)? Window(DateOnly day) =>
        IsWorkingDay(day) ? (UkTime.At(day, start), UkTime.At(day, end)) : null;
}
