using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Claims;

/// <summary>
/// What assessors do with a claim: take it, approve it (two different people, neither the claimant: the first proposes
/// the amount, in full or in part with a reason; the second confirms it), refuse it with a reason the claimant reads,
/// and write to the claimant. Every step is checked against the version the assessor saw, and audited. A refusal, or
/// approval of less than claimed, gives the difference back to the claimant's allowance on the scheme.
/// </summary>
public sealed class ClaimAssessments(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string ConflictMessage = "Someone changed this claim after you opened it. Nothing you entered was saved: look at the claim again, then decide.";
    public const string OwnClaim = "This is your own claim. Another assessor must check it.";
    public const string SamePersonTwice = "You approved this claim first. A second, different person must approve it.";
    public const int ReasonMaxLength = 2000;

    public async Task AssignAsync(Actor actor, int claimId, int version, bool toMe, CancellationToken cancellationToken = default)
    {
        var claim = await LoadAsync(actor, claimId, version, cancellationToken);

        claim.AssignedToPersonId = toMe ? actor.PersonId : null;
        await SaveAsync(claim, actor, AuditActions.ClaimAssigned, toMe ? "taken" : "released", cancellationToken);
    }

    /// <summary>
    /// The first approval proposes an amount (blank for all that was claimed; less needs a reason); the second, by
    /// someone else, confirms it.
    /// </summary>
    /// <returns>The claim's status after: <see cref="ClaimStatus.CheckedOnce"/>, <see cref="ClaimStatus.Approved"/> or <see cref="ClaimStatus.PartlyApproved"/>.</returns>
    public async Task<ClaimStatus> ApproveAsync(Actor actor, int claimId, int version, string? amount, string? reason, CancellationToken cancellationToken = default)
    {
        var claim = await LoadAsync(actor, claimId, version, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        string detail;
        switch (claim.Status)
        {
            case ClaimStatus.Submitted:
                var (claimed, approved, why) = (new Money(claim.ClaimedPence), ProposedAmount(claim, amount, reason), reason?.Trim());
                (claim.Status, claim.ApprovedPence, claim.FirstApproverPersonId, claim.FirstApprovedUtc) = (ClaimStatus.CheckedOnce, approved.Pence, actor.PersonId, now);
                claim.DecisionReason = approved < claimed ? why : null;
                claim.AssignedToPersonId = null;
                detail = $"first approval: {approved} of {claimed}";
                break;
            case ClaimStatus.CheckedOnce when claim.FirstApproverPersonId == actor.PersonId:
                throw new RefusedException(SamePersonTwice);
            case ClaimStatus.CheckedOnce:
                var partly = claim.ApprovedPence < claim.ClaimedPence;
                (claim.Status, claim.SecondApproverPersonId, claim.DecidedUtc) = (partly ? ClaimStatus.PartlyApproved : ClaimStatus.Approved, actor.PersonId, now);
                detail = $"second approval: {new Money(claim.ApprovedPence!.Value)} of {new Money(claim.ClaimedPence)}";
                if (partly)
                {
                    await GiveBackAsync(claim, claim.ClaimedPence - claim.ApprovedPence.Value, cancellationToken);
                    Tell(claim, actor, $"{new Money(claim.ApprovedPence.Value)} of the {new Money(claim.ClaimedPence)} you claimed is approved. {claim.DecisionReason}", now);
                }

                break;
            default:
                throw new RefusedException($"This claim is {ClaimStatuses.Describe(claim.Status).ToLowerInvariant()}: it cannot be approved.");
        }

        await SaveAsync(claim, actor, AuditActions.ClaimApproved, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim.Status;
    }

    /// <summary>Refuses the claim, before it is approved by two people, with a reason the claimant reads.</summary>
    public async Task RefuseAsync(Actor actor, int claimId, int version, string? reason, CancellationToken cancellationToken = default)
    {
        var claim = await LoadAsync(actor, claimId, version, cancellationToken);

        if (claim.Status is not (ClaimStatus.Submitted or ClaimStatus.CheckedOnce))
        {
            throw new RefusedException($"This claim is {ClaimStatuses.Describe(claim.Status).ToLowerInvariant()}: it cannot be refused.");
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > ReasonMaxLength)
        {
            throw new RefusedException("RefuseReason", why.Length == 0
                ? "Say why the claim is refused. The claimant reads this"
                : $"The reason must be {ReasonMaxLength:N0} characters or fewer; it is {why.Length:N0}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (claim.Status, claim.DecidedUtc, claim.DecisionReason, claim.ApprovedPence, claim.AssignedToPersonId) = (ClaimStatus.Refused, now, why, null, null);
        await GiveBackAsync(claim, claim.ClaimedPence, cancellationToken);
        Tell(claim, actor, $"Your claim is refused. {why}", now);
        await SaveAsync(claim, actor, AuditActions.ClaimRefused, $"{new Money(claim.ClaimedPence)} refused", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A message to the claimant from an assessor.</summary>
    public async Task WriteAsync(Actor actor, int claimId, string? body, CancellationToken cancellationToken = default)
    {
        var text = Support.SupportRequests.CheckMessage(body);
        var claim = await db.ProtectionClaims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw new RefusedException("There is no such claim.");
        var now = clock.GetUtcNow().UtcDateTime;
        Tell(claim, actor, text, now);
        await SaveAsync(claim, actor, AuditActions.ClaimMessageSent, null, cancellationToken);
    }

    /// <summary>A reply from the claimant, on their own claim only.</summary>
    public async Task ReplyAsync(Actor actor, int personId, int claimId, string? body, CancellationToken cancellationToken = default)
    {
        var text = Support.SupportRequests.CheckMessage(body);
        var claim = await db.ProtectionClaims.SingleOrDefaultAsync(c => c.Id == claimId && c.PersonId == personId, cancellationToken) ?? throw new RefusedException("There is no such claim.");
        var now = clock.GetUtcNow().UtcDateTime;
        db.ClaimMessages.Add(new ClaimMessage { ClaimId = claim.Id, FromPersonId = personId, FromClaimant = true, Body = text, SentUtc = now });
        await SaveAsync(claim, actor, AuditActions.ClaimMessageSent, "from the claimant", cancellationToken);
    }

    private void Tell(ProtectionClaim claim, Actor actor, string body, DateTime now) =>
        db.ClaimMessages.Add(new ClaimMessage { ClaimId = claim.Id, FromPersonId = actor.PersonId, FromClaimant = false, Body = body, SentUtc = now });

    /// <summary>Takes back what is no longer claimed from the claimant's total on the scheme, in the same transaction.</summary>
    private Task<int> GiveBackAsync(ProtectionClaim claim, long pence, CancellationToken cancellationToken) =>
        db.ClaimAllowances.Where(a => a.SchemeId == claim.SchemeId && a.PersonId == claim.PersonId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ClaimedPence, a => a.ClaimedPence - pence).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);

    /// <summary>The claim, as the assessor saw it, and not their own.</summary>
    private async Task<ProtectionClaim> LoadAsync(Actor actor, int claimId, int version, CancellationToken cancellationToken)
    {
        var claim = await db.ProtectionClaims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw new RefusedException("There is no such claim.");
        return claim.Version != version ? throw new ConflictException(ConflictMessage)
            : claim.PersonId == actor.PersonId ? throw new RefusedException(OwnClaim)
            : claim;
    }

    /// <summary>What the first approver approves: all that was claimed when left blank; less only with a reason.</summary>
    private static Money ProposedAmount(ProtectionClaim claim, string? amount, string? reason)
    {
        var claimed = new Money(claim.ClaimedPence);
        var approved = claimed;
        var why = reason?.Trim() ?? "";
        var problems = new List<FieldProblem>();
        if (!string.IsNullOrWhiteSpace(amount) && (!Money.TryParse(amount, out approved) || approved.Pence == 0 || approved > claimed))
        {
            problems.Add(new("Amount", $"Enter the amount to approve, in pounds and pence, up to the {claimed} claimed; leave it blank to approve all of it. To approve nothing, refuse the claim"));
        }
        else if (approved < claimed && why.Length == 0)
        {
            problems.Add(new("Reason", $"Say why {claimed - approved} of the claim is not approved. The claimant reads this"));
        }

        if (why.Length > ReasonMaxLength)
        {
            problems.Add(new("Reason", $"The reason must be {ReasonMaxLength:N0} characters or fewer; it is {why.Length:N0}"));
        }

        return problems.Count > 0 ? throw new RefusedException(problems) : approved;
    }

    private async Task SaveAsync(ProtectionClaim claim, Actor actor, string action, string? detail, CancellationToken cancellationToken)
    {
        claim.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        claim.Version++;
        audit.Add(actor, action, claim.PersonId, claim.Reference, detail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(ConflictMessage);
        }
    }
}
