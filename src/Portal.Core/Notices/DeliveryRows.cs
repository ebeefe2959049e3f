using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// What the sending jobs share about a campaign's delivery rows: the campaign's status, its completion once no row is
/// left to send, and plain parameterised SQL for the statements every batch runs.
/// </summary>
public sealed class DeliveryRows(PortalDbContext db, TimeProvider clock)
{
    public Task<CampaignStatus> StatusAsync(int campaignId, CancellationToken cancellationToken) =>
        db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.Status).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The sending campaign is complete once no row is left to send.</summary>
    public Task<int> TryCompleteAsync(int campaignId, CancellationToken cancellationToken)
    {
        var c = TableMap.For<NoticeCampaign>(db);
        var d = TableMap.For<Delivery>(db);
        return ExecuteAsync(
            $"UPDATE {c.Name} SET {c[nameof(NoticeCampaign.Status)]} = @completed, {c[nameof(NoticeCampaign.CompletedUtc)]} = @now, {c[nameof(NoticeCampaign.Version)]} = {c[nameof(NoticeCampaign.Version)]} + 1, " +
            $"{c[nameof(NoticeCampaign.SentCount)]} = (SELECT COUNT(*) FROM {d.Name} WHERE {d[nameof(Delivery.CampaignId)]} = @campaign AND {d[nameof(Delivery.Status)]} = @sent) " +
            $"WHERE {c[nameof(NoticeCampaign.Id)]} = @campaign AND {c[nameof(NoticeCampaign.Status)]} = @sending AND NOT EXISTS (SELECT 1 FROM {d.Name} " +
            $"WHERE {d[nameof(Delivery.CampaignId)]} = @campaign AND {d[nameof(Delivery.Status)]} IN (@pending, @claimed, @retry))",
            cancellationToken,
            ("@completed", nameof(CampaignStatus.Completed)), ("@now", Now), ("@campaign", campaignId), ("@sending", nameof(CampaignStatus.Sending)),
            ("@pending", nameof(DeliveryStatus.Pending)), ("@claimed", nameof(DeliveryStatus.Sending)), ("@retry", nameof(DeliveryStatus.FailedTemporary)), ("@sent", nameof(DeliveryStatus.Sent)));
    }

    /// <summary>
    /// The statements every batch runs, as plain parameterised SQL: EF Core's ExecuteUpdate puts the values a
    /// setter is given (a new claim token each batch) into the query itself, so each would be compiled afresh —
    /// seconds of JIT over a campaign of 47,000.
    /// </summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name).Value = value;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
