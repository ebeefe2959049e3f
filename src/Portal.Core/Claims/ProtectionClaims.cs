using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Claims;

/// <summary>
/// Claims on protection schemes, made by the person for themselves: only on a scheme open to them, and never past its cap
/// in all their claims on it. The cap is kept in one row a person and scheme (<see cref="ClaimAllowance"/>), changed with a
/// version check in the same save as the claim, so two claims made at once cannot both pass it. Every claim is audited.
/// </summary>
public sealed class ProtectionClaims(PortalDbContext db, ClaimSchemes schemes, ReceiptStore receipts, AuditLog audit, TimeProvider clock)
{
    public const string DeclarationMissing = "Confirm the declaration to claim the payment";
    public const string ItemsDeclarationMissing = "Confirm the declaration to claim for these items";
    public const int MaxItems = 20;
    public const int TextMaxLength = 200;

    /// <summary>Claims a flat payment on the person's declaration. A repeat of the same submission returns the claim it made.</summary>
    /// <exception cref="RefusedException">The scheme is not open to them, the declaration is not made, or they have claimed it already.</exception>
    public async Task<ProtectionClaim> ClaimFlatAsync(Actor actor, int personId, int schemeId, bool declared, Guid submissionKey, CancellationToken cancellationToken = default)
    {
        if (await db.ProtectionClaims.AsNoTracking().SingleOrDefaultAsync(c => c.PersonId == personId && c.SubmissionKey == submissionKey, cancellationToken) is { } repeated)
        {
            return repeated;
        }

        var scheme = await OpenSchemeAsync(personId, schemeId, cancellationToken);
        if (scheme.Kind != SchemeKind.FlatPayment)
        {
            throw new RefusedException("This scheme reimburses receipts: claim the items you bought.");
        }

        if (!declared)
        {
            throw new RefusedException(nameof(ProtectionClaim.Declared), DeclarationMissing);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claim = new ProtectionClaim
        {
            SchemeId = scheme.Id,
            PersonId = personId,
            Status = ClaimStatus.Submitted,
            ClaimedPence = scheme.AmountPence,
            Declared = true,
            SubmissionKey = submissionKey,
            SubmittedUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        await SaveWithinCapAsync(actor, scheme, claim, cancellationToken);
        return claim;
    }

    /// <summary>
    /// Claims reimbursement for the items, each with the receipt the person uploaded for it. A repeat of the same
    /// submission returns the claim it made.
    /// </summary>
    /// <exception cref="RefusedException">The scheme is not open to them, an item is not right (said at its field), the declaration is not made, or the claim would pass the cap.</exception>
    public async Task<ProtectionClaim> ClaimItemsAsync(Actor actor, int personId, int schemeId, IReadOnlyList<ClaimItemInput> items, bool declared, Guid submissionKey, CancellationToken cancellationToken = default)
    {
        if (await db.ProtectionClaims.AsNoTracking().SingleOrDefaultAsync(c => c.PersonId == personId && c.SubmissionKey == submissionKey, cancellationToken) is { } repeated)
        {
            return repeated;
        }

        var scheme = await OpenSchemeAsync(personId, schemeId, cancellationToken);
        if (scheme.Kind != SchemeKind.Reimbursement)
        {
            throw new RefusedException("This scheme pays a flat amount: claim it with the declaration.");
        }

        var (checkedItems, problems) = await CheckItemsAsync(personId, items, cancellationToken);
        if (!declared)
        {
            problems.Add(new(nameof(ProtectionClaim.Declared), ItemsDeclarationMissing));
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claim = new ProtectionClaim
        {
            SchemeId = scheme.Id,
            PersonId = personId,
            Status = ClaimStatus.Submitted,
            ClaimedPence = checkedItems.Sum(i => i.AmountPence),
            Declared = true,
            SubmissionKey = submissionKey,
            SubmittedUtc = now,
            UpdatedUtc = now,
            Version = 1,
            Items = checkedItems,
        };
        await SaveWithinCapAsync(actor, scheme, claim, cancellationToken);
        return claim;
    }

    /// <summary>
    /// Checks the items as typed, each field at its place (<c>Items[0].Supplier</c>), and finds each one's receipt
    /// among those the person uploaded. Rows left wholly blank are not items.
    /// </summary>
    public async Task<(List<ClaimItem> Items, List<FieldProblem> Problems)> CheckItemsAsync(int personId, IReadOnlyList<ClaimItemInput> items, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var result = new List<ClaimItem>();
        var today = UkTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var receiptsSeen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.IsBlank)
            {
                continue;
            }

            var at = $"Items[{i}].";
            var what = Field(item.What, at + nameof(ClaimItemInput.What), "Say what you bought, like \"door camera\"", problems);
            var supplier = Field(item.Supplier, at + nameof(ClaimItemInput.Supplier), "Enter who you bought it from, as the receipt names them", problems);
            DateOnly boughtOn = default;
            if (!UkTime.TryParseDate(item.BoughtOn, out boughtOn))
            {
                problems.Add(new(at + nameof(ClaimItemInput.BoughtOn), "Enter the date on the receipt, like 24/11/2026"));
            }
            else if (boughtOn > today)
            {
                problems.Add(new(at + nameof(ClaimItemInput.BoughtOn), "The date on the receipt must be today or in the past"));
            }

            if (!Money.TryParse(item.Amount, out var amount) || amount.Pence == 0)
            {
                problems.Add(new(at + nameof(ClaimItemInput.Amount), "Enter what you paid, in pounds and pence, like 89.99"));
            }

            var receipt = await receipts.FindAsync(personId, item.Receipt, cancellationToken);
            if (receipt is null)
            {
                problems.Add(new(at + nameof(ClaimItemInput.Receipt), "Upload the receipt for this item: a PDF, JPEG or PNG"));
            }
            else if (!receiptsSeen.Add(receipt.Sha256))
            {
                problems.Add(new(at + nameof(ClaimItemInput.Receipt), "You have given this receipt for another item. Upload each item's own receipt, or put what one receipt covers in one item"));
            }

            if (receipt is not null)
            {
                result.Add(new ClaimItem
                {
                    What = what,
                    Supplier = supplier,
                    SupplierKey = ClaimDuplicates.KeyOf(supplier),
                    BoughtOn = boughtOn,
                    AmountPence = amount.Pence,
                    ReceiptFile = receipt.File,
                    ReceiptSha256 = receipt.Sha256,
                    ReceiptContentType = receipt.ContentType,
                    ReceiptBytes = receipt.Bytes,
                });
            }
        }

        var given = items.Count(i => !i.IsBlank);
        if (given == 0)
        {
            problems.Add(new("Items", "Enter at least one item you bought, with its receipt"));
        }
        else if (given > MaxItems)
        {
            problems.Add(new("Items", $"A claim can have up to {MaxItems} items. Make a second claim for the rest"));
        }

        return (result, problems);
    }

    private static string Field(string? text, string field, string missing, List<FieldProblem> problems)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            problems.Add(new(field, missing));
        }
        else if (value.Length > TextMaxLength)
        {
            problems.Add(new(field, $"This must be {TextMaxLength} characters or fewer; it is {value.Length:N0}"));
        }

        return value;
    }

    /// <summary>The person's claims, newest first, with their schemes' names.</summary>
    public async Task<IReadOnlyList<(ProtectionClaim Claim, string Scheme)>> MineAsync(int personId, CancellationToken cancellationToken = default) =>
        [.. (await db.ProtectionClaims.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.Id)
            .Join(db.ProtectionSchemes, c => c.SchemeId, s => s.Id, (c, s) => new { Claim = c, s.Name }).ToListAsync(cancellationToken))
            .Select(x => (x.Claim, x.Name))];

    private async Task<ProtectionScheme> OpenSchemeAsync(int personId, int schemeId, CancellationToken cancellationToken)
    {
        var scheme = await schemes.FindAsync(schemeId, cancellationToken);
        if (scheme is null || !await schemes.IsEligibleAsync(scheme, personId, cancellationToken))
        {
            throw new RefusedException("This scheme is not open to you. The schemes you can claim on are listed on \"Your claims\".");
        }

        if (!schemes.IsOpen(scheme))
        {
            throw new RefusedException(string.Create(UkEnglish.Culture, $"This scheme takes claims from {scheme.OpensOn:d MMMM yyyy} to {scheme.ClosesOn:d MMMM yyyy}."));
        }

        return scheme;
    }

    /// <summary>
    /// Saves the claim and adds it to the person's total on the scheme, refusing it if the total would pass the cap. A
    /// claim made at the same moment changes the total first: this one is then checked again against the new total.
    /// </summary>
    private async Task SaveWithinCapAsync(Actor actor, ProtectionScheme scheme, ProtectionClaim claim, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var allowance = await db.ClaimAllowances.SingleOrDefaultAsync(a => a.SchemeId == scheme.Id && a.PersonId == claim.PersonId, cancellationToken);
            if (await db.ProtectionClaims.AsNoTracking().SingleOrDefaultAsync(c => c.PersonId == claim.PersonId && c.SubmissionKey == claim.SubmissionKey, cancellationToken) is { } same)
            {
                // The same form, sent twice at once: the other send made the claim. Looked for after the total is read: the
                // claim and the total are saved together, so a total that counts the other send finds its claim here.
                db.ChangeTracker.Clear();
                (claim.Id, claim.Status, claim.SubmittedUtc, claim.Version) = (same.Id, same.Status, same.SubmittedUtc, same.Version);
                return;
            }

            if (allowance is null)
            {
                allowance = new ClaimAllowance { SchemeId = scheme.Id, PersonId = claim.PersonId };
                db.ClaimAllowances.Add(allowance);
            }

            var cap = new Money(scheme.AmountPence);
            var already = new Money(allowance.ClaimedPence);
            if (already + new Money(claim.ClaimedPence) > cap)
            {
                db.ChangeTracker.Clear();
                throw new RefusedException(scheme.Kind == SchemeKind.FlatPayment
                    ? "You have already claimed this payment. Your claims show where it has got to."
                    : $"This would take your claims past the scheme's limit of {cap} for each person: you have claimed {already}, so you can claim up to {cap - already} more.");
            }

            allowance.ClaimedPence += claim.ClaimedPence;
            allowance.Version++;
            db.ProtectionClaims.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(actor, AuditActions.ClaimSubmitted, claim.PersonId, claim.Reference, $"{scheme.Code}: {new Money(claim.ClaimedPence)}", cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another claim by the same person changed (or first made) their total meanwhile: look again.
                db.ChangeTracker.Clear();
                claim.Id = 0;
                foreach (var item in claim.Items)
                {
                    (item.Id, item.ClaimId) = (0, 0);
                }
            }
        }
    }
}

/// <summary>One item of a reimbursement claim as typed, with the name <see cref="ReceiptStore"/> gave its receipt.</summary>
public sealed record ClaimItemInput(string? What, string? Supplier, string? BoughtOn, string? Amount, string? Receipt)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(Supplier) && string.IsNullOrWhiteSpace(BoughtOn)
        && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Receipt);
}
