using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Support;

public sealed class SlaOptions
{
    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Critical { get; set; } = TimeSpan.FromHours(4);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan High { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Medium { get; set; } = TimeSpan.FromDays(3);

    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan Low { get; set; } = TimeSpan.FromDays(5);
}
