using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.People;

/// <summary>One line of a person's exposure history: what one import added to and removed from one incident's record of them.</summary>
public sealed record ExposureHistoryLine
{
    // Set by name, not by a constructor: EF Core translates a UNION ALL of two projections only when each sets its columns by name.
    public int PersonId { get; init; }
    public int IncidentId { get; init; }
    public int? ImportRunId { get; init; }
    public DateTime ChangedUtc { get; init; }
    public HeldFields Added { get; init; }
    public HeldFields Removed { get; init; }
}

/// <summary>
/// Every person's exposure history, incident by incident: the changes imports recorded (<see cref="ExposureChange"/>),
/// and each exposure's first listing, which the exposure row itself keeps. A manifest lists most people once and
/// never changes them, so the import writes one row for them, not two; it writes a first listing out as a change
/// only before it removes the row that kept it.
/// </summary>
public static class ExposureHistory
{
    public static IQueryable<ExposureHistoryLine> Lines(PortalDbContext db) =>
        db.ExposureChanges.Select(c => new ExposureHistoryLine
        {
            PersonId = c.PersonId,
            IncidentId = c.IncidentId,
            ImportRunId = c.ImportRunId,
            ChangedUtc = c.ChangedUtc,
            Added = c.Added,
            Removed = c.Removed,
        }).Concat(db.Exposures.Where(e => e.ListedUtc != null).Select(e => new ExposureHistoryLine
        {
            PersonId = e.PersonId,
            IncidentId = e.IncidentId,
            ImportRunId = e.ListedImportRunId,
            ChangedUtc = e.ListedUtc!.Value,
            Added = e.ListedFields!.Value,
            Removed = HeldFields.None,
        }));
}
