using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Core.Notices;

/// <summary>Keeps this node within <see cref="NoticeOptions.RateLimitPerMinute"/> messages a minute across all its workers.</summary>
public sealed class NoticeRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter? limiter;

    public NoticeRateLimiter(IOptions<NoticeOptions> options)
    {
        var perMinute = options.Value.RateLimitPerMinute;
        if (perMinute <= 0)
        {
            return;
        }

        // At 60 a minute or more, a second's worth at a time; below that, one message every so many seconds.
        var (tokens, period) = perMinute >= 60 ? (perMinute / 60, TimeSpan.FromSeconds(1)) : (1, TimeSpan.FromSeconds(60.0 / perMinute));
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
