using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Oversight;

/// <summary>The oversight figures and the daily board pack (section <c>Oversight</c>).</summary>
public sealed class OversightOptions
{
    public const string SectionName = "Oversight";

    /// <summary>How often the figures <c>/oversight</c> shows are counted again (cron, UTC).</summary>
    [Required]
    public string FiguresCron { get; set; } = "*/5 * * * *";

    /// <summary>Whether the board pack is written each day. Off, nothing writes one.</summary>
    public bool BoardPacks { get; set; } = true;

    /// <summary>The UK time of day the board pack is written, for the 24 hours to then.</summary>
    public TimeOnly BoardPackTime { get; set; } = new(7, 0);

    /// <summary>The days the "per day" tables and charts cover, back from today.</summary>
    [Range(7, 92)]
    public int DaysCharted { get; set; } = 28;
}
