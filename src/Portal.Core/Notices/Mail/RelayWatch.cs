using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Core.Notices.Mail;

/// <summary>
/// Notices the relay going away and coming back. A batch that cannot hand a message over ends at once, puts its rows
/// back and says so here; while the relay is away batches do not try it, and this asks it whether it answers once every
/// <see cref="NoticeOptions.RelayProbeInterval"/>. The moment it answers, every campaign still sending is dispatched
/// again: sending resumes within one interval of the relay's return however long it was away, and a relay that is still
/// down is asked once an interval by each node, not once a batch.
/// </summary>
public sealed partial class RelayWatch(
    IOptions<MailOptions> mail,
    IOptions<NoticeOptions> notices,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<RelayWatch> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim lost = new(0, 1);
    private int away;

    /// <summary>True from a batch finding the relay gone until it answers again.</summary>
    public bool IsAway => Volatile.Read(ref away) == 1;

    /// <summary>A batch could not hand a message over for a reason about the relay (see <see cref="MailFailure.IsRelayFault"/>).</summary>
    public void ReportLost(Exception fault)
    {
        if (Interlocked.Exchange(ref away, 1) == 0)
        {
            LogLost(MailFailure.Classify(fault).Reason);
            lost.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await lost.WaitAsync(stoppingToken);
            var since = clock.GetTimestamp();
            do
            {
                await Task.Delay(notices.Value.RelayProbeInterval, clock, stoppingToken);
            }
            while (!await AnswersAsync(stoppingToken));

            Volatile.Write(ref away, 0);
            LogBack(clock.GetElapsedTime(since).TotalSeconds);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Jobs.CampaignDispatchJob>().DispatchEverySendingCampaignAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The sweeper dispatches work that has stopped moving; this must not stop the host.
                LogNotDispatched(exception);
            }
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await MailProbe.CheckAsync(mail.Value, timeout.Token);
            return true;
        }
        catch (Exception exception) when (MailFailure.IsRelayFault(exception) || (exception is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public override void Dispose()
    {
        lost.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail relay cannot be reached ({Reason}); sending waits for it, asking again every few seconds")]
    private partial void LogLost(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail relay answers again after {Seconds:F0} s; sending resumes")]
    private partial void LogBack(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail relay is back but sending could not be dispatched again; the sweeper will")]
    private partial void LogNotDispatched(Exception exception);
}
