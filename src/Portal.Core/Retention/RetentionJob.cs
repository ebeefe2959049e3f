using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Retention;

/// <summary>The <c>Retention</c> section: how long what is no longer needed is kept, and when the job that removes it runs.</summary>
public sealed class RetentionOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>A closed or withdrawn support request, with its messages, notes and history, is removed this long after its last change.</summary>
    public TimeSpan ClosedSupportRequests { get; set; } = TimeSpan.FromDays(730);

    /// <summary>A finished (completed or cancelled) campaign's delivery rows — who was sent it, when, and what failed — are removed this long after it finished.</summary>
    public TimeSpan Deliveries { get; set; } = TimeSpan.FromDays(365);

    /// <summary>When the job runs (Hangfire cron, in UTC): by default daily at 03:00.</summary>
    public string Cron { get; set; } = "0 3 * * *";

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (ClosedSupportRequests < TimeSpan.FromDays(1))
        {
            yield return new($"Retention:ClosedSupportRequests is {ClosedSupportRequests}; it must be at least a day (1.00:00:00), so nothing is removed the moment it closes.", [nameof(ClosedSupportRequests)]);
        }

        if (Deliveries < TimeSpan.FromDays(1))
        {
            yield return new($"Retention:Deliveries is {Deliveries}; it must be at least a day (1.00:00:00).", [nameof(Deliveries)]);
        }

        if (string.IsNullOrWhiteSpace(Cron))
        {
            yield return new("Retention:Cron is empty; give a cron expression such as \"0 3 * * *\" (daily at 03:00 UTC).", [nameof(Cron)]);
        }
    }
}

/// <summary>What one run removed.</summary>
public sealed record RetentionResult(int SupportRequests, int Deliveries);

/// <summary>
/// Removes, after the periods in <see cref="RetentionOptions"/>, closed support requests (with everything attached to
/// them), the delivery rows of finished campaigns, and sign-in sessions a day old. It runs daily as a recurring job. The audit trail is never
/// touched: it keeps who did what to whose data, and records each run with what it removed.
/// </summary>
public sealed class RetentionJob(PortalDbContext db, AuditLog audit, Sessions.SignInSessions sessions, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention";
    public static readonly Actor System = new(null, "system:retention", null);

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var requestsBefore = now - settings.ClosedSupportRequests;
        var deliveriesBefore = now - settings.Deliveries;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement each: a request's messages, notes and history go with it (the database cascades), so a request
        // reopened while this runs is either removed whole or kept whole.
        var requests = await db.SupportRequests
            .Where(r => (r.Status == SupportRequestStatus.Closed || r.Status == SupportRequestStatus.Withdrawn) && r.UpdatedUtc < requestsBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.Deliveries
            .Where(d => db.NoticeCampaigns.Any(c => c.Id == d.CampaignId && (c.Status == CampaignStatus.Completed || c.Status == CampaignStatus.Cancelled) && c.CompletedUtc < deliveriesBefore))
            .ExecuteDeleteAsync(cancellationToken);

        // Sign-in sessions last 8 hours at most; a day on, their rows say nothing anyone needs.
        await sessions.RemoveStartedBeforeAsync(now.AddDays(-1), cancellationToken);

        if (requests > 0 || deliveries > 0)
        {
            audit.Add(System, AuditActions.RetentionApplied, null, null,
                $"{requests} closed support requests last changed before {requestsBefore:yyyy-MM-dd}; {deliveries} delivery rows of campaigns finished before {deliveriesBefore:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Retention removed {Requests} closed support requests and {Deliveries} delivery rows", requests, deliveries);
        return new RetentionResult(requests, deliveries);
    }
}
