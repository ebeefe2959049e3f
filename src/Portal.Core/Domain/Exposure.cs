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
}
