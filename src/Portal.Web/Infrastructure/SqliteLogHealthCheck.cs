using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Part of <c>/health</c> on SQLite: the write-ahead log's size (in <c>/health/details</c>). More than four times the
/// checkpoint size means checkpoints are not keeping up — a reader that never finishes, say — and the node is Degraded.
/// </summary>
public sealed class SqliteLogHealthCheck(PortalDbContext db, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var size = SqliteLog.SizeOf(db);
        var limit = options.Value.LogCheckpointBytes;
        var data = new Dictionary<string, object> { ["writeAheadLogBytes"] = size, ["checkpointAtBytes"] = limit };
        return Task.FromResult(size > 4 * limit
            ? new HealthCheckResult(context.Registration.FailureStatus, "The write-ahead log is not being checkpointed", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
