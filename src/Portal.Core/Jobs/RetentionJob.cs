using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Retention;

namespace Portal.Core.Jobs;

/// <summary>
/// Removes, after the periods in <see cref="RetentionOptions"/>, closed support requests (with everything attached to
/// them), the delivery rows of finished campaigns, and sign-in sessions a day old. It runs daily as a recurring job. The audit trail is never
/// touched: it keeps who did what to whose data, and records each run with what it removed.
/// </summary>
public sealed class RetentionJob(
    PortalDbContext db, AuditLog audit, Sessions.SignInSessions sessions, IOptions<RetentionOptions> options, Claims.ReceiptStore receipts, IOptions<Claims.ClaimsOptions> claimsOptions,
    TimeProvider clock, ILogger<RetentionJob> logger)
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
        // The ladder's rows go with the deliveries they came from (they have no foreign keys to take them).
        await db.Escalations
            .Where(e => db.NoticeCampaigns.Any(c => c.Id == e.CampaignId && (c.Status == CampaignStatus.Completed || c.Status == CampaignStatus.Cancelled) && c.CompletedUtc < deliveriesBefore))
            .ExecuteDeleteAsync(cancellationToken);
        // A campaign keeps how many it sent after its rows are gone (a completed one kept it when it completed).
        await db.NoticeCampaigns
            .Where(c => (c.Status == CampaignStatus.Completed || c.Status == CampaignStatus.Cancelled) && c.CompletedUtc < deliveriesBefore && c.SentCount == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SentCount, c => (int?)db.Deliveries.Count(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Sent)), cancellationToken);
        var deliveries = await db.Deliveries
            .Where(d => db.NoticeCampaigns.Any(c => c.Id == d.CampaignId && (c.Status == CampaignStatus.Completed || c.Status == CampaignStatus.Cancelled) && c.CompletedUtc < deliveriesBefore))
            .ExecuteDeleteAsync(cancellationToken);

        // A mobile number is kept only while its owner is in the force.
        var mobiles = await db.MobileNumbers.Where(m => db.People.Any(p => p.Id == m.PersonId && p.Status == PersonStatus.Leaver)).ExecuteDeleteAsync(cancellationToken);

        // Sign-in sessions last 8 hours at most; a day on, their rows say nothing anyone needs.
        await sessions.RemoveStartedBeforeAsync(now.AddDays(-1), cancellationToken);

        if (requests > 0 || deliveries > 0 || mobiles > 0)
        {
            audit.Add(System, AuditActions.RetentionApplied, null, null,
                $"{requests} closed support requests last changed before {requestsBefore:yyyy-MM-dd}; {deliveries} delivery rows of campaigns finished before {deliveriesBefore:yyyy-MM-dd}; {mobiles} mobile numbers of leavers");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var removedReceipts = await RemoveReceiptsAsync(now, cancellationToken);
        logger.LogInformation("Retention removed {Requests} closed support requests, {Deliveries} delivery rows and {Receipts} receipts", requests, deliveries, removedReceipts);
        return new RetentionResult(requests, deliveries, removedReceipts);
    }

    /// <summary>
    /// The receipts of claims finished (paid, refused or withdrawn) longer ago than <see cref="Claims.ClaimsOptions.KeepReceiptsFor"/>,
    /// and receipts uploaded a day ago or more that no claim took. Each file is removed before its row says so, so a
    /// run that stops half way leaves only rows whose files are already gone, which the next run marks.
    /// </summary>
    private async Task<int> RemoveReceiptsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now - claimsOptions.Value.KeepReceiptsFor;
        var due = await db.ClaimItems
            .Where(i => i.ReceiptRemovedUtc == null && db.ProtectionClaims.Any(c => c.Id == i.ClaimId
                && (c.Status == ClaimStatus.Paid || c.Status == ClaimStatus.Refused || c.Status == ClaimStatus.Withdrawn) && c.UpdatedUtc < before))
            .Select(i => new { i.Id, i.ReceiptFile }).ToListAsync(cancellationToken);
        foreach (var chunk in due.Chunk(500))
        {
            foreach (var item in chunk)
            {
                receipts.Delete(item.ReceiptFile);
            }

            var ids = chunk.Select(i => i.Id).ToList();
            await db.ClaimItems.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(set => set.SetProperty(i => i.ReceiptRemovedUtc, now), cancellationToken);
        }

        var unclaimed = 0;
        foreach (var chunk in receipts.KeptBefore(now.AddDays(-1)).Chunk(500))
        {
            var names = chunk.ToList();
            var taken = (await db.ClaimItems.Where(i => names.Contains(i.ReceiptFile)).Select(i => i.ReceiptFile).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names.Where(n => !taken.Contains(n)))
            {
                receipts.Delete(name);
                unclaimed++;
            }
        }

        if (due.Count > 0 || unclaimed > 0)
        {
            await audit.RecordAsync(System, AuditActions.RetentionApplied, null, null,
                $"{due.Count} receipts of claims finished before {before:yyyy-MM-dd}; {unclaimed} receipts uploaded but never claimed", cancellationToken);
        }

        return due.Count + unclaimed;
    }
}
