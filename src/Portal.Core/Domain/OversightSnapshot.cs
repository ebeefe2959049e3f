namespace Portal.Core.Domain;

/// <summary>
/// The oversight figures as at one moment, already suppressed (no cell of 1–4 and none that lets one be derived):
/// what <c>/oversight</c> shows and a board pack prints. Written by the figures job every few minutes.
/// </summary>
public sealed class OversightSnapshot
{
    public int Id { get; set; }
    public DateTime TakenUtc { get; set; }

    /// <summary>The figures as JSON (<see cref="Oversight.OversightFigures"/>).</summary>
    public required string Figures { get; set; }
}
