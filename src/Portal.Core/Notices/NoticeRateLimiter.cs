using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Core.Notices;

/// <summary>Keeps this node within <see cref="NoticeOptions.RateLimitPerMinute"/> messages a minute across all its workers.</summary>
public sealed class NoticeRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter? limiter;

    public NoticeRateLimiter(IOptions<NoticeOptions> options)
        : this(options.Value.RateLimitPerMinute)
    {
    }

    /// <summary>A limit of <paramref name="perMinute"/> a minute on this node; none for 0.</summary>
    public NoticeRateLimiter(int perMinute)
    {
        if (perMinute <= 0)
        {
            return;
        }

        // Refilled at most ten times a second (finer timers are not reliable), with as many messages per refill as
        // that takes: exactly the configured rate, e.g. 100 a minute is one every 0.6 s, 3,000 a minute 5 every 0.1 s.
        var tokens = (int)Math.Ceiling(perMinute / 600.0);
        var period = TimeSpan.FromMinutes(1) * tokens / perMinute;
        limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (limiter is not null)
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
        }
    }

    public void Dispose() => limiter?.Dispose();
}
