using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Core.Notices.Mail;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Part of <c>/health</c>: can notices be handed over — does the SMTP relay answer (and accept the portal's
/// credentials), or can the pickup folder be written. A relay that is down makes the node <em>Degraded</em>, not
/// Unhealthy: people can still sign in and read what was held, so a load balancer should keep sending them; monitoring
/// should alert on it. The answer is kept for <see cref="CacheFor"/>, so a load balancer polling every few seconds
/// does not open a connection to the relay each time.
/// </summary>
public sealed class MailHealthCheck(IOptions<MailOptions> options, TimeProvider clock) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (last is { } cached && clock.GetUtcNow() - cached.At < CacheFor)
            {
                return cached.Result;
            }

            var result = await ProbeAsync(context, cancellationToken);
            last = (clock.GetUtcNow(), result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<HealthCheckResult> ProbeAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await MailProbe.CheckAsync(options.Value, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the health-check log, never to the response body.
            return new HealthCheckResult(context.Registration.FailureStatus, $"Mail cannot be handed over ({options.Value.Delivery})", exception);
        }
    }
}
