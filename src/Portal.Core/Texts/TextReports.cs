using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Texts;

/// <summary>
/// Delivery reports from the gateway: accepted by the network's centre (8), delivered (1), failed (2) or refused by
/// the centre (16). A text only moves forward: a late "accepted" never undoes "delivered", and a report for a text
/// already delivered or failed changes nothing.
/// </summary>
public sealed class TextReports(PortalDbContext db, TimeProvider clock)
{
    public async Task<bool> RecordAsync(long textId, int reportType, string? answer, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.TextMessages.Where(t => t.Id == textId && t.Status != TextMessageStatus.Delivered && t.Status != TextMessageStatus.Failed && t.Status != TextMessageStatus.Cancelled);
        var reason = string.IsNullOrWhiteSpace(answer) ? "no reason given" : answer.Trim().Length > 400 ? answer.Trim()[..400] : answer.Trim();
        var changed = reportType switch
        {
            1 => await open.ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TextMessageStatus.Delivered).SetProperty(t => t.DeliveredUtc, now), cancellationToken),
            2 or 16 => await open.ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TextMessageStatus.Failed)
                .SetProperty(t => t.LastError, (reportType == 2 ? "The network could not deliver it: " : "The network refused it: ") + reason), cancellationToken),
            8 => await open
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TextMessageStatus.Accepted).SetProperty(t => t.AcceptedUtc, t => t.AcceptedUtc ?? now), cancellationToken),
            _ => 0,
        };
        return changed > 0 || await db.TextMessages.AnyAsync(t => t.Id == textId, cancellationToken);
    }
}
