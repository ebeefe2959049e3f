using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Claims;

/// <summary>Why two items look like the same purchase.</summary>
public enum DuplicateKind
{
    SameReceipt,
    SameSupplierDayAndAmount,
}

/// <summary>An item of this claim beside an item of another claim that looks like the same purchase.</summary>
public sealed record ClaimDuplicate(DuplicateKind Kind, ClaimItem Item, ClaimItem Other, string OtherReference, ClaimStatus OtherStatus, string OtherClaimant, string OtherPayNumber);

/// <summary>
/// Evidence used twice: the same receipt file (by SHA-256), or the same supplier, day and amount, in any other claim by
/// anyone — the claimant's own other claims included. Shown to assessors only, beside the other claim, before anyone approves.
/// </summary>
public sealed class ClaimDuplicates(PortalDbContext db)
{
    public async Task<IReadOnlyList<ClaimDuplicate>> FindAsync(int claimId, CancellationToken cancellationToken = default)
    {
        var items = await db.ClaimItems.AsNoTracking().Where(i => i.ClaimId == claimId).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return [];
        }

        var hashes = items.Select(i => i.ReceiptSha256).Distinct().ToList();
        var keys = items.Select(i => i.SupplierKey).Distinct().ToList();
        var others = await db.ClaimItems.AsNoTracking()
            .Where(o => o.ClaimId != claimId && (hashes.Contains(o.ReceiptSha256) || keys.Contains(o.SupplierKey)))
            .Join(db.ProtectionClaims, o => o.ClaimId, c => c.Id, (o, c) => new { Item = o, c.Status, c.PersonId })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Item, x.Status, Name = p.GivenName + " " + p.FamilyName, p.PayNumber })
            .Take(200)
            .ToListAsync(cancellationToken);

        var found = new List<ClaimDuplicate>();
        foreach (var item in items)
        {
            foreach (var other in others)
            {
                var kind = other.Item.ReceiptSha256 == item.ReceiptSha256 ? DuplicateKind.SameReceipt
                    : other.Item.SupplierKey == item.SupplierKey && other.Item.BoughtOn == item.BoughtOn && other.Item.AmountPence == item.AmountPence ? DuplicateKind.SameSupplierDayAndAmount
                    : (DuplicateKind?)null;
                if (kind is { } k)
                {
                    found.Add(new ClaimDuplicate(k, item, other.Item, ClaimReference.Format(other.Item.ClaimId), other.Status, other.Name, other.PayNumber));
                }
            }
        }

        return found;
    }

    /// <summary>Which of these claims have evidence that appears in another claim: the queue's flag.</summary>
    public async Task<IReadOnlySet<int>> FlaggedAsync(IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken = default)
    {
        if (claimIds.Count == 0)
        {
            return new HashSet<int>();
        }

        var items = db.ClaimItems.AsNoTracking();
        var flagged = await items.Where(i => claimIds.Contains(i.ClaimId)
                && items.Any(o => o.ClaimId != i.ClaimId && (o.ReceiptSha256 == i.ReceiptSha256
                    || (o.SupplierKey == i.SupplierKey && o.BoughtOn == i.BoughtOn && o.AmountPence == i.AmountPence))))
            .Select(i => i.ClaimId).Distinct().ToListAsync(cancellationToken);
        return flagged.ToHashSet();
    }

    /// <summary>The supplier's name as compared: letters and digits only, in capitals ("Screwfix Ltd." and "SCREWFIX LTD" match).</summary>
    public static string KeyOf(string supplier) => string.Concat(supplier.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
