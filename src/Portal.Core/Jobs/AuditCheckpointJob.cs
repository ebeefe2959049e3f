using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Jobs;

/// <summary>Writes a signed checkpoint of the audit chain's head (see <see cref="AuditCheckpoints"/>): a recurring job, and once at each start.</summary>
public sealed class AuditCheckpointJob(PortalDbContext db, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditCheckpointJob> logger)
{
    public const string RecurringJobId = "audit-checkpoint";

    public async Task<AuditCheckpoint?> RunAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await AuditCheckpoints.WriteAsync(db, options.Value.CheckpointFile, clock, cancellationToken);
        if (checkpoint is not null)
        {
            // The log is the checkpoint's second home: whoever collects the logs holds a copy the database's owner cannot reach.
            logger.LogInformation("Audit checkpoint: {Checkpoint}", checkpoint.ToString());
        }

        return checkpoint;
    }
}
