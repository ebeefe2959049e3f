namespace Portal.Core.Domain;

/// <summary>
/// For one person and one incident, the fields that incident held. A person with no exposure row for an
/// incident was not in that incident's dataset. Keyed by the person, then the incident.
/// </summary>
public sealed class Exposure
{
    public int IncidentId { get; set; }
    public int PersonId { get; set; }
    public HeldFields Fields { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// When a manifest import first listed this person in this incident: the first line of their history for it, kept
    /// on the row rather than written a second time (see <see cref="People.ExposureHistory"/>). Null where that line is
    /// an <see cref="ExposureChange"/> instead (rows listed before the row kept it) or no import wrote the row.
    /// </summary>
    public DateTime? ListedUtc { get; set; }

    /// <summary>The fields that first listing held.</summary>
    public HeldFields? ListedFields { get; set; }

    /// <summary>The import that first listed the person; null for one applied outside an import run (the demo seed).</summary>
    public int? ListedImportRunId { get; set; }
}
