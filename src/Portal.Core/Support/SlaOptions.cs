using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Support;

/// <summary>
/// A target for each priority. Counted in working time (<see cref="SupportOptions.WorkingHours"/>), except for the
/// priorities that run all hours (<see cref="SupportOptions.AllHoursUpTo"/>): eight hours is a working day.
/// </summary>
public sealed class SlaOptions
{
    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Critical { get; set; } = TimeSpan.FromHours(4);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan High { get; set; } = TimeSpan.FromHours(16);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Medium { get; set; } = TimeSpan.FromHours(40);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Low { get; set; } = TimeSpan.FromHours(80);

    public TimeSpan For(Domain.Priority priority) => priority switch
    {
        Domain.Priority.Critical => Critical,
        Domain.Priority.High => High,
        Domain.Priority.Medium => Medium,
        _ => Low,
    };
}
