namespace Portal.Core.Domain;

/// <summary>A dated entry in the history of one data field of one incident: from then on, it is suspected, confirmed or ruled out.</summary>
public sealed class IncidentFieldStatus
{
    public int Id { get; set; }
    public int IncidentId { get; set; }

    /// <summary>One field of the catalogue.</summary>
    public HeldFields Field { get; set; }

    public FieldStatus Status { get; set; }

    /// <summary>What staff read beside it, such as where the finding came from.</summary>
    public string? Note { get; set; }

    public DateTime RecordedUtc { get; set; }
}
