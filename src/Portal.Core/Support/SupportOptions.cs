using System.ComponentModel.DataAnnotations;
using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>The <c>Support</c> section: service levels for support requests.</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    /// <summary>How long the team has to resolve a request, at each priority.</summary>
    [Required]
    public SlaOptions Sla { get; set; } = new();

    /// <summary>How long the team has to first reach the person, at each priority.</summary>
    [Required]
    public SlaOptions FirstContact { get; set; } = new()
    {
        Critical = TimeSpan.FromHours(1),
        High = TimeSpan.FromHours(4),
        Medium = TimeSpan.FromHours(8),
        Low = TimeSpan.FromHours(16),
    };

    /// <summary>The team's working hours and bank holidays, in which the targets are counted.</summary>
    [Required]
    public WorkingHoursOptions WorkingHours { get; set; } = new();

    /// <summary>How near a target must be for the queue to call a request "due soon".</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00")]
    public TimeSpan DueSoonWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long before a target the assignee and the leads are warned of it (in the portal and by e-mail), once.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "2.00:00:00")]
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When the job that gives those warnings, and the reminders of threat assessments due for review, runs (cron, UTC).</summary>
    [Required]
    public string AlertsCron { get; set; } = "*/5 * * * *";

    /// <summary>Requests this urgent or more are counted in every hour, nights, weekends and bank holidays too.</summary>
    public Priority AllHoursUpTo { get; set; } = Priority.Critical;

    [Range(1, 100)]
    public int RareNameThreshold { get; set; } = 5;

    public TimeSpan SlaFor(Priority priority) => Sla.For(priority);
}
