namespace Portal.Core.Domain;

/// <summary>A decision an administrator recorded about an incident, with their reasons (why a notice waited, say): never changed once written.</summary>
public sealed class Decision
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime RecordedUtc { get; set; }
    public int? RecordedByPersonId { get; set; }
    public required string RecordedBySubject { get; set; }

    /// <summary>What was decided.</summary>
    public required string What { get; set; }

    /// <summary>Why.</summary>
    public required string Why { get; set; }

    /// <summary>The notice it is about, if any.</summary>
    public int? CampaignId { get; set; }
}
