using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Core.Outreach;

/// <summary>What the campaign page shows of its ladder: each step's counts, the texts' delivery reports, and the letter batches.</summary>
public sealed class LadderReports(PortalDbContext db)
{
    public async Task<IReadOnlyList<LadderStepProgress>> ProgressAsync(NoticeCampaign campaign, CancellationToken cancellationToken = default)
    {
        var counts = await db.Escalations.AsNoTracking().Where(o => o.CampaignId == campaign.Id).GroupBy(o => new { o.Step, o.Status })
            .Select(g => new { g.Key.Step, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var texts = await db.TextMessages.AsNoTracking().Where(t => t.CampaignId == campaign.Id).GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Count(LadderStep step, params EscalationStatus[] statuses) => counts.Where(c => c.Step == step && statuses.Contains(c.Status)).Sum(c => c.Count);
        return [.. Ladder.Of(campaign).Steps.Select(s => new LadderStepProgress(s.Step, s.Hours,
            Count(s.Step, EscalationStatus.Pending, EscalationStatus.Working), Count(s.Step, EscalationStatus.Done), Count(s.Step, EscalationStatus.WaitingToRetry),
            Count(s.Step, EscalationStatus.Failed), Count(s.Step, EscalationStatus.Cancelled),
            s.Step == LadderStep.Text ? texts.GetValueOrDefault(TextMessageStatus.Delivered) : 0,
            s.Step == LadderStep.Text ? texts.GetValueOrDefault(TextMessageStatus.Failed) : 0))];
    }

    public async Task<IReadOnlyList<LetterBatch>> LetterBatchesAsync(int campaignId, CancellationToken cancellationToken = default) =>
        await db.LetterBatches.AsNoTracking().Where(b => b.CampaignId == campaignId).OrderByDescending(b => b.Id).ToListAsync(cancellationToken);
}
