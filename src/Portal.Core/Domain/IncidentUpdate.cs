namespace Portal.Core.Domain;

/// <summary>A dated entry on an incident's timeline, which staff can read.</summary>
public sealed class IncidentUpdate
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime PostedUtc { get; set; }
    public required string Text { get; set; }
}
