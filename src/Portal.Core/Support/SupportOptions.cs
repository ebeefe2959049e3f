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
