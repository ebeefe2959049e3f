using System.Globalization;

namespace Portal.Core.Text;

/// <summary>
/// Times are stored in UTC and shown in UK time, as the people reading them live by it (GMT in winter, BST in
/// summer). Falls back to UTC, said as such, on a machine without the time-zone database.
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo? London = Find();

    public static string Format(DateTime utc, string format)
    {
        var value = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return London is null
            ? value.ToString(format, UkEnglish.Culture) + " UTC"
            : TimeZoneInfo.ConvertTimeFromUtc(value, London).ToString(format, UkEnglish.Culture);
    }

    /// <summary>The UK time zone (UTC where the machine has no time-zone database), for schedules kept in UK time.</summary>
    public static TimeZoneInfo Zone => London ?? TimeZoneInfo.Utc;

    /// <summary>The UK calendar day a UTC time falls on.</summary>
    public static DateOnly DateOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>When a UK time of day on a UK day is, in UTC (an hour the clocks skip counts as the hour after).</summary>
    public static DateTime At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return ToUtc(local) ?? ToUtc(local.AddHours(1))!.Value;
    }

    /// <summary>When a UK day begins, in UTC.</summary>
    public static DateTime StartOfDay(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>A time someone typed, in UK time, as UTC; null when the clocks skip it (the hour lost in March).</summary>
    public static DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (London is null)
        {
            return DateTime.SpecifyKind(unspecified, DateTimeKind.Utc);
        }

        return London.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, London);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy"];

    /// <summary>A calendar date as people type it here (24/11/2026) or as a date box sends it (2026-11-24).</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static TimeZoneInfo? Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }
}
