using System.ComponentModel.DataAnnotations;
using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>The <c>Support</c> section: service levels for support requests.</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    /// <summary>How long the welfare team has to act on a request of each priority.</summary>
    [Required]
    public SlaOptions Sla { get; set; } = new();

    /// <summary>A family name shared by this many people or fewer counts as rare (easy to search for online).</summary>
    [Range(1, 100)]
    public int RareNameThreshold { get; set; } = 5;

    public TimeSpan SlaFor(Priority priority) => priority switch
    {
        Priority.Critical => Sla.Critical,
        Priority.High => Sla.High,
        Priority.Medium => Sla.Medium,
        _ => Sla.Low,
    };
}

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
