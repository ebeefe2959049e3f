using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure.Security;

/// <summary>One fixed-window limiter for each policy, partitioned by person (or, before sign-in, by address).</summary>
public sealed class RateLimiters : IDisposable
{
    private readonly Dictionary<string, PartitionedRateLimiter<HttpContext>> limiters;

    public RateLimiters(IOptions<RateLimitOptions> options)
    {
        var l = options.Value;
        limiters = new(StringComparer.Ordinal)
        {
            [RateLimits.SignIn] = Limiter(l.SignInsPerMinute, TimeSpan.FromMinutes(1), byPerson: false),
            [RateLimits.SupportRequests] = Limiter(l.SupportRequestsPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.Messages] = Limiter(l.MessagesPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.Exports] = Limiter(l.ExportsPerHour, TimeSpan.FromHours(1), byPerson: true),
            [RateLimits.Verifications] = Limiter(l.VerificationsPerMinute, TimeSpan.FromMinutes(1), byPerson: false),
            [RateLimits.RefusalsRecorded] = Limiter(l.RefusalsRecordedPerMinute, TimeSpan.FromMinutes(1), byPerson: true),
        };
    }

    public ValueTask<RateLimitLease> AcquireAsync(string policy, HttpContext context) =>
        limiters.TryGetValue(policy, out var limiter)
            ? limiter.AcquireAsync(context, 1, context.RequestAborted)
            : throw new InvalidOperationException($"There is no rate limit called \"{policy}\". Use one of {string.Join(", ", limiters.Keys)}.");

    private static PartitionedRateLimiter<HttpContext> Limiter(int permits, TimeSpan window, bool byPerson) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var who = byPerson ? WelfareUsers.SubjectOf(context.User) : null;
            return RateLimitPartition.GetFixedWindowLimiter(who is null ? "address:" + context.Connection.RemoteIpAddress : "person:" + who,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
        });

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
