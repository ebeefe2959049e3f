using System.Globalization;
using Portal.Core.Text;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>When to send: now, or a day and time in UK time.</summary>
public sealed class ScheduleInput
{
    public string? When { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    public string? Time { get; set; }

    public DateTime? ToUtc()
    {
        if (!int.TryParse(Day, CultureInfo.InvariantCulture, out var day) || !int.TryParse(Month, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100 || month is < 1 or > 12
            || day < 1 || day > DateTime.DaysInMonth(year, month)
            || !TimeOnly.TryParseExact(Time?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        return UkTime.ToUtc(new DateOnly(year, month, day).ToDateTime(time));
    }
}
