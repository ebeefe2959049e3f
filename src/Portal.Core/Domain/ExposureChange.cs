namespace Portal.Core.Domain;

/// <summary>
/// A change a manifest import made to what one incident is recorded as holding about one person: the fields it added
/// and removed, when, and by which import. Written with the change, in the import's transaction. A first listing is
/// kept on the exposure row instead, and written here only as the row is removed (see <see cref="People.ExposureHistory"/>).
/// </summary>
public sealed class ExposureChange
{
    public long Id { get; set; }
    public int PersonId { get; set; }
    public int IncidentId { get; set; }

    /// <summary>The import that made it; null for one applied outside an import run (the demo seed).</summary>
    public int? ImportRunId { get; set; }

    public DateTime ChangedUtc { get; set; }
    public HeldFields Added { get; set; }
    public HeldFields Removed { get; set; }
}
