using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Schemes;

/// <summary>
/// Approval by two different people, neither the claimant; approval of part with a reason; refusal with a reason the
/// claimant reads; each step against the version the assessor saw, and audited.
/// </summary>
public sealed class DecisionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Person Claimant, ProtectionClaim Claim, int Scheme)> ClaimAsync(string amount = "100")
    {
        var unit = $"Decisions {Guid.NewGuid().ToString("N")[..6]}";
        var claimant = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await ReimbursementTests.ReimbursementSchemeAsync(factory, unit);
        return (claimant, await ReimbursementTests.ClaimItemsAsync(factory, claimant, scheme, ("Screwfix", amount, null)), scheme);
    }

    private async Task<T> WithAsync<T>(Func<ClaimAssessments, PortalDbContext, Task<T>> act)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<ClaimAssessments>(), scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static Actor As(Person person) => new(person.Id, "assessor", null);

    private Task<ProtectionClaim> ReadAsync(int id) => WithAsync((_, db) => db.ProtectionClaims.AsNoTracking().SingleAsync(c => c.Id == id, Cancel));

    [Fact]
    public async Task TheClaimantCannotApproveTheirOwnClaim_NorOnePersonTwice_TwoDifferentPeopleApproveIt()
    {
        var (claimant, claim, _) = await ClaimAsync();
        var first = await factory.Data.CreatePersonAsync();
        var second = await factory.Data.CreatePersonAsync();

        var own = await Assert.ThrowsAsync<RefusedException>(() => WithAsync((a, _) => a.ApproveAsync(As(claimant), claim.Id, claim.Version, null, null, Cancel)));
        Assert.Equal(ClaimAssessments.OwnClaim, own.Message);

        Assert.Equal(ClaimStatus.CheckedOnce, await WithAsync((a, _) => a.ApproveAsync(As(first), claim.Id, claim.Version, null, null, Cancel)));
        var once = await ReadAsync(claim.Id);
        var twice = await Assert.ThrowsAsync<RefusedException>(() => WithAsync((a, _) => a.ApproveAsync(As(first), claim.Id, once.Version, null, null, Cancel)));
        Assert.Equal(ClaimAssessments.SamePersonTwice, twice.Message);
        Assert.Equal(ClaimStatus.CheckedOnce, (await ReadAsync(claim.Id)).Status);

        Assert.Equal(ClaimStatus.Approved, await WithAsync((a, _) => a.ApproveAsync(As(second), claim.Id, once.Version, null, null, Cancel)));
        var approved = await ReadAsync(claim.Id);
        Assert.Equal((10_000L, first.Id, second.Id), (approved.ApprovedPence!.Value, approved.FirstApproverPersonId!.Value, approved.SecondApproverPersonId!.Value));
        var audited = await WithAsync((_, db) => db.AuditEvents.Where(e => e.Action == AuditActions.ClaimApproved && e.Target == claim.Reference).OrderBy(e => e.Id).Select(e => new { e.ActorPersonId, e.Detail }).ToListAsync(Cancel));
        Assert.Equal([(first.Id, "first approval: £100.00 of £100.00"), (second.Id, "second approval: £100.00 of £100.00")], audited.Select(e => (e.ActorPersonId!.Value, e.Detail!)));
    }

    [Fact]
    public async Task OnTheClaimPage_TheClaimantIsToldItIsTheirs_AndTheFirstApproverIsRefusedTheSecondApproval()
    {
        var (claimant, claim, _) = await ClaimAsync();
        var first = await factory.Data.CreatePersonAsync();
        var asClaimant = factory.ClientAs(claimant.PayNumber, RoleNames.Claims);
        var asFirst = factory.ClientAs(first.PayNumber, RoleNames.Claims);
        var page = $"/claims/{claim.Reference}";

        var ownPage = await Html.ReadAsync(await asClaimant.GetAsync(page, Cancel));
        Assert.NotNull(ownPage.QuerySelector("[data-testid='own-claim']"));
        Assert.Null(ownPage.QuerySelector("[data-testid='approve-form']"));
        var forced = await Html.ReadAsync(await asClaimant.SubmitAsync(page, page + "?handler=Approve", ("Version", claim.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(ClaimAssessments.OwnClaim, forced.QuerySelector(".govuk-error-summary__list a")!.TextContent);

        var approved = await asFirst.SubmitAsync(page, page + "?handler=Approve", ("Version", claim.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Amount", ""));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await asFirst.FollowAsync(approved);
        Assert.Equal("Approved once. A second, different assessor must approve it before it is paid", after.Section("flash").TextContent);
        Assert.Equal("Approved once, waiting for a second approval", after.Section("status").TextContent);
        Assert.Equal("You approved £100.00 of £100.00. A second, different assessor must approve it before it is paid.", after.Section("approved-first").TextContent);

        var again = await Html.ReadAsync(await asFirst.SubmitAsync(page, page + "?handler=Approve", ("Version", (claim.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(ClaimAssessments.SamePersonTwice, again.QuerySelector(".govuk-error-summary__list a")!.TextContent);
    }

    [Fact]
    public async Task PartOfAClaimIsApprovedOnlyWithAReason_TheClaimantReadsIt_AndTheRestGoesBackToTheirAllowance()
    {
        var (claimant, claim, scheme) = await ClaimAsync("100");
        var first = await factory.Data.CreatePersonAsync();
        var second = await factory.Data.CreatePersonAsync();

        var noReason = await Assert.ThrowsAsync<RefusedException>(() => WithAsync((a, _) => a.ApproveAsync(As(first), claim.Id, claim.Version, "60", " ", Cancel)));
        Assert.Equal(("Reason", "Say why £40.00 of the claim is not approved. The claimant reads this"), (noReason.Problems[0].Field, noReason.Problems[0].Message));
        var tooMuch = await Assert.ThrowsAsync<RefusedException>(() => WithAsync((a, _) => a.ApproveAsync(As(first), claim.Id, claim.Version, "100.01", null, Cancel)));
        Assert.Equal("Amount", tooMuch.Problems[0].Field);

        await WithAsync((a, _) => a.ApproveAsync(As(first), claim.Id, claim.Version, "60", "The second camera is not covered by the scheme.", Cancel));
        Assert.Equal(ClaimStatus.PartlyApproved, await WithAsync((a, _) => a.ApproveAsync(As(second), claim.Id, claim.Version + 1, null, null, Cancel)));

        var mine = await Html.ReadAsync(await factory.ClientAs(claimant.PayNumber).GetAsync($"/me/claims/{claim.Reference}", Cancel));
        Assert.Equal("Partly approved", mine.Section("status").TextContent);
        Assert.Equal("£60.00", mine.Section("approved").TextContent);
        Assert.Equal("The second camera is not covered by the scheme.", mine.Section("reason").TextContent);
        Assert.Contains("£60.00 of the £100.00 you claimed is approved.", mine.Section("messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(6_000, await WithAsync((_, db) => db.ClaimAllowances.Where(x => x.PersonId == claimant.Id && x.SchemeId == scheme).Select(x => x.ClaimedPence).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task ARefusalNeedsAReason_TheClaimantReadsIt_AndTheirAllowanceIsGivenBack()
    {
        var (claimant, claim, scheme) = await ClaimAsync("150");
        var assessor = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(assessor.PayNumber, RoleNames.Claims);
        var page = $"/claims/{claim.Reference}";
        var version = claim.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var blank = await Html.ReadAsync(await client.SubmitAsync(page, page + "?handler=Refuse", ("Version", version), ("RefuseReason", "")));
        Assert.Equal("Say why the claim is refused. The claimant reads this", blank.QuerySelector(".govuk-error-summary__list a[href='#RefuseReason']")!.TextContent);

        var refused = await client.SubmitAsync(page, page + "?handler=Refuse", ("Version", version), ("RefuseReason", "The receipt is for a purchase made before the scheme's dates."));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var mine = await Html.ReadAsync(await factory.ClientAs(claimant.PayNumber).GetAsync($"/me/claims/{claim.Reference}", Cancel));
        Assert.Equal("Refused", mine.Section("status").TextContent);
        Assert.Equal("The receipt is for a purchase made before the scheme's dates.", mine.Section("reason").TextContent);
        Assert.Equal(0, await WithAsync((_, db) => db.ClaimAllowances.Where(x => x.PersonId == claimant.Id && x.SchemeId == scheme).Select(x => x.ClaimedPence).SingleAsync(Cancel)));
        Assert.True(await WithAsync((_, db) => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ClaimRefused && e.Target == claim.Reference && e.ActorPersonId == assessor.Id, Cancel)));

        // A refused claim is not approved afterwards.
        var late = await Assert.ThrowsAsync<RefusedException>(() => WithAsync((a, _) => a.ApproveAsync(As(assessor), claim.Id, claim.Version + 1, null, null, Cancel)));
        Assert.Equal("This claim is refused: it cannot be approved.", late.Message);
    }

    [Fact]
    public async Task ADecisionOnAClaimSomeoneChangedMeanwhile_IsRefused_AndNothingIsSaved()
    {
        var (_, claim, _) = await ClaimAsync();
        var taker = await factory.Data.CreatePersonAsync();
        var approver = await factory.Data.CreatePersonAsync();

        await WithAsync(async (a, _) => { await a.AssignAsync(As(taker), claim.Id, claim.Version, toMe: true, Cancel); return 0; });
        var stale = await Assert.ThrowsAsync<ConflictException>(() => WithAsync((a, _) => a.ApproveAsync(As(approver), claim.Id, claim.Version, null, null, Cancel)));

        Assert.Equal(ClaimAssessments.ConflictMessage, stale.Message);
        var now = await ReadAsync(claim.Id);
        Assert.Equal((ClaimStatus.Submitted, (int?)taker.Id, (int?)null), (now.Status, now.AssignedToPersonId, now.FirstApproverPersonId));
    }

    [Fact]
    public async Task AssessorsAndTheClaimant_WriteToEachOther_OnTheClaim()
    {
        var (claimant, claim, _) = await ClaimAsync();
        var assessor = await factory.Data.CreatePersonAsync();
        var asAssessor = factory.ClientAs(assessor.PayNumber, RoleNames.Claims);
        var asClaimant = factory.ClientAs(claimant.PayNumber);

        Assert.Equal(HttpStatusCode.Redirect, (await asAssessor.SubmitAsync($"/claims/{claim.Reference}", $"/claims/{claim.Reference}?handler=Write", ("Message", "Please upload a clearer photo of the receipt."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await asClaimant.SubmitAsync($"/me/claims/{claim.Reference}", $"/me/claims/{claim.Reference}?handler=Reply", ("Reply", "I will scan it tonight."))).StatusCode);

        var thread = (await Html.ReadAsync(await asAssessor.GetAsync($"/claims/{claim.Reference}", Cancel))).Section("messages").TextContent;
        Assert.True(thread.IndexOf("Please upload a clearer photo", StringComparison.Ordinal) < thread.IndexOf("I will scan it tonight.", StringComparison.Ordinal));
        Assert.Contains("The claimant", thread, StringComparison.Ordinal);
        Assert.Equal(2, await WithAsync((_, db) => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ClaimMessageSent && e.Target == claim.Reference, Cancel)));
        Assert.DoesNotContain(await WithAsync((_, db) => db.AuditEvents.Where(e => e.Target == claim.Reference).Select(e => e.Detail).ToListAsync(Cancel)), d => d != null && d.Contains("scan", StringComparison.Ordinal));
    }
}
