using Microsoft.Extensions.Options;
using Portal.Core.Notices;

namespace Portal.Core.Texts;

/// <summary>Keeps this node within <see cref="SmsOptions.RateLimitPerMinute"/> texts a minute.</summary>
public sealed class TextRateLimiter(IOptions<SmsOptions> options) : IDisposable
{
    private readonly NoticeRateLimiter limiter = new(options.Value.RateLimitPerMinute);

    public ValueTask WaitAsync(CancellationToken cancellationToken) => limiter.WaitAsync(cancellationToken);

    public void Dispose() => limiter.Dispose();
}
