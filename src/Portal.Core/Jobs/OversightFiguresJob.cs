using Portal.Core.Oversight;

namespace Portal.Core.Jobs;

/// <summary>Counts the oversight figures again (<see cref="OversightSnapshots"/>), every few minutes on whichever node takes it.</summary>
public sealed class OversightFiguresJob(OversightSnapshots snapshots)
{
    public const string RecurringJobId = "oversight-figures";

    public Task RunAsync(CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);
}
