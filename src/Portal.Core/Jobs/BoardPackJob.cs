using Portal.Core.Domain;
using Portal.Core.Oversight;

namespace Portal.Core.Jobs;

/// <summary>
/// Writes the day's board pack (<see cref="BoardPacks"/>): a recurring job at the pack's UK time, and once at each start,
/// which makes up a pack that fell due while the portal was down. Either finds a pack already written and does nothing.
/// </summary>
public sealed class BoardPackJob(BoardPacks packs)
{
    public const string RecurringJobId = "oversight-board-pack";

    public async Task<int?> RunAsync(CancellationToken cancellationToken) => (await packs.WriteDueAsync(cancellationToken)) is BoardPack pack ? pack.Id : null;
}
