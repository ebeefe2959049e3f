using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Claims;

/// <summary>
/// Claims on protection schemes, made by the person for themselves: only on a scheme open to them, and never past its cap
/// in all their claims on it. The cap is kept in one row a person and scheme (<see cref="ClaimAllowance"/>), changed with a
/// version check in the same save as the claim, so two claims made at once cannot both pass it. Every claim is audited.
/// </summary>
public sealed class ProtectionClaims(PortalDbContext db, ClaimSchemes schemes, AuditLog audit, TimeProvider clock)
{
    public const string DeclarationMissing = "Confirm the declaration to claim the payment";

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
            throw new RefusedException(string.Create(Text.UkEnglish.Culture, $"This scheme takes claims from {scheme.OpensOn:d MMMM yyyy} to {scheme.ClosesOn:d MMMM yyyy}."));
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
            }
        }
    }
}
