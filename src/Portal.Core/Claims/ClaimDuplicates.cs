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
    /// <summary>
    /// Every item of another claim that shares this claim's receipt file or supplier, day and amount: each looked up by
    /// its own index, so a supplier with thousands of items costs no more than one with a few.
    /// </summary>
    public async Task<IReadOnlyList<ClaimDuplicate>> FindAsync(int claimId, CancellationToken cancellationToken = default)
    {
        var mine = db.ClaimItems.AsNoTracking().Where(i => i.ClaimId == claimId);
        var others = db.ClaimItems.AsNoTracking().Where(o => o.ClaimId != claimId);
        var sameReceipt = mine.Join(others, i => i.ReceiptSha256, o => o.ReceiptSha256, (i, o) => new { Kind = DuplicateKind.SameReceipt, Item = i, Other = o });
        var samePurchase = mine.Join(others, i => new { i.SupplierKey, i.BoughtOn, i.AmountPence }, o => new { o.SupplierKey, o.BoughtOn, o.AmountPence },
            (i, o) => new { Kind = DuplicateKind.SameSupplierDayAndAmount, Item = i, Other = o });
        var pairs = (await sameReceipt.ToListAsync(cancellationToken)).Concat(await samePurchase.ToListAsync(cancellationToken))
            // The same receipt is the stronger sign: an item pair that is both is shown once, as that.
            .DistinctBy(p => (p.Item.Id, p.Other.Id)).ToList();
        if (pairs.Count == 0)
        {
            return [];
        }

        var claimIds = pairs.Select(p => p.Other.ClaimId).Distinct().ToList();
        var claims = await db.ProtectionClaims.AsNoTracking().Where(c => claimIds.Contains(c.Id))
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c.Id, c.Status, Name = p.GivenName + " " + p.FamilyName, p.PayNumber })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. pairs.OrderBy(p => p.Item.Id).ThenBy(p => p.Other.ClaimId).Select(p =>
        {
            var other = claims[p.Other.ClaimId];
            return new ClaimDuplicate(p.Kind, p.Item, p.Other, ClaimReference.Format(other.Id), other.Status, other.Name, other.PayNumber);
        })];
    }

    /// <summary>Which of these claims have evidence that appears in another claim: the queue's flag.</summary>
    public async Task<IReadOnlySet<int>> FlaggedAsync(IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken = default)
    {
        if (claimIds.Count == 0)
        {
            return new HashSet<int>();
        }

        // Two questions, not one with an OR, so that each is answered from its own index.
        var items = db.ClaimItems.AsNoTracking();
        var flagged = await items.Where(i => claimIds.Contains(i.ClaimId)
                && (items.Any(o => o.ReceiptSha256 == i.ReceiptSha256 && o.ClaimId != i.ClaimId)
                    || items.Any(o => o.SupplierKey == i.SupplierKey && o.BoughtOn == i.BoughtOn && o.AmountPence == i.AmountPence && o.ClaimId != i.ClaimId)))
            .Select(i => i.ClaimId).Distinct().ToListAsync(cancellationToken);
        return flagged.ToHashSet();
    }

    /// <summary>The supplier's name as compared: letters and digits only, in capitals ("Screwfix Ltd." and "SCREWFIX LTD" match).</summary>
    public static string KeyOf(string supplier) => string.Concat(supplier.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
