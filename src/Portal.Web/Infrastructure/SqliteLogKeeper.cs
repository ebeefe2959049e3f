using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Keeps SQLite's write-ahead log small. Every commit appends the pages it changed to the log (a campaign stamps a row
/// per message: about 12 KB of log for each), and SQLite's own checkpoints copy them back into the database without
/// ever starting the log again while someone is reading or writing — which, while a campaign sends, is always. So the
/// log grows by hundreds of megabytes, is all replayed after a crash, and shrinks only at a clean shutdown. Every
/// <see cref="CheckEvery"/> this looks at the log file's size (a file's length, not a query), and once it passes <see cref="DatabaseOptions.LogCheckpointMegabytes"/>
/// copies it back into the database alongside the writers, then, holding them back for about 12 ms while a campaign
/// sends, copies what they added meanwhile and truncates the log. A campaign writes 15–25 MB of log a second, so the
/// log can outgrow its limit by what is written between two looks plus a checkpoint: looking a quarter of a second
/// apart let it reach twice its limit on a busy machine. And every <see cref="OptimizeEvery"/> (first a minute
/// after start) it runs SQLite's <c>PRAGMA optimize</c>, which refreshes the query planner's statistics of any table
/// that has grown or shrunk a lot: without them the planner guesses, and can choose an index that reads most of a table
/// (the welfare queue's unassigned filter read every unassigned request, open or not, before it had them).
/// </summary>
public sealed partial class SqliteLogKeeper(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<SqliteLogKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan OptimizeEvery = TimeSpan.FromHours(1);

    /// <summary>Refreshes the planner's statistics where a table's size has changed (every table, not only those this connection used).</summary>
    public const string Optimize = "PRAGMA optimize=0x10002;";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = options.Value.LogCheckpointBytes;
        string log;
        await using (var first = scopes.CreateAsyncScope())
        {
            log = SqliteLog.PathOf(first.ServiceProvider.GetRequiredService<PortalDbContext>());
        }

        using var timer = new PeriodicTimer(CheckEvery);
        var optimizeAt = DateTime.UtcNow.AddMinutes(1);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var optimize = DateTime.UtcNow >= optimizeAt;
            var size = SqliteLog.SizeAt(log);
            if (!optimize && size <= limit)
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (optimize)
            {
                optimizeAt = DateTime.UtcNow + OptimizeEvery;
                try
                {
                    await db.Database.ExecuteSqlRawAsync(Optimize, stoppingToken);
                }
                catch (Microsoft.Data.Sqlite.SqliteException exception)
                {
                    LogNotOptimized(exception.SqliteErrorCode);
                }
            }

            if (size <= limit)
            {
                continue;
            }

            try
            {
                // First the copying, alongside the writers (PASSIVE); then, holding them back, what they added meanwhile
                // and the truncation (TRUNCATE, not RESTART: the file's size is then the log's, which is what is checked).
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", stoppingToken);
                LogCheckpointed(size / (1024 * 1024), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Microsoft.Data.Sqlite.SqliteException exception)
            {
                // Busy for longer than the busy timeout: the next tick tries again.
                LogNotCheckpointed(exception.SqliteErrorCode);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The write-ahead log was checkpointed at {Megabytes} MB in {Milliseconds:F0} ms")]
    private partial void LogCheckpointed(long megabytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The planner's statistics could not be refreshed (SQLite error {Code}); trying again in an hour")]
    private partial void LogNotOptimized(int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The write-ahead log could not be checkpointed (SQLite error {Code}); trying again")]
    private partial void LogNotCheckpointed(int code);
}
