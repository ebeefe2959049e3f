using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Schemes;

/// <summary>Claims on a flat-payment scheme: only by the people it is open to, while it is open, and never past its cap, even when made twice at once.</summary>
public sealed class ClaimTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Day(int fromToday) => UkTime.DateOf(DateTime.UtcNow).AddDays(fromToday).ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> FlatSchemeAsync(string units, int opens = -1, int closes = 30)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ClaimSchemes>().SaveAsync(new Actor(null, "admin", null), null, 0,
            new SchemeInput("F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "Home security payment", "Any home security", SchemeKind.FlatPayment, "250",
                AudienceKind.Units, null, units, Day(opens), Day(closes), "Your declaration"), Cancel))!.Value;
    }

    private async Task<ProtectionClaim> ClaimAsync(Person person, int scheme, Guid? key = null, bool declared = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtectionClaims>().ClaimFlatAsync(new Actor(person.Id, "person", null), person.Id, scheme, declared, key ?? Guid.NewGuid(), Cancel);
    }

    [Fact]
    public async Task AFlatPayment_IsClaimedOnce_ARepeatOfTheSameFormIsTheSameClaim_AndASecondClaimIsRefused()
    {
        var unit = "Firearms " + Guid.NewGuid().ToString("N")[..6];
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await FlatSchemeAsync(unit);
        var key = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<RefusedException>(() => ClaimAsync(person, scheme, declared: false));
        Assert.Equal(("Declared", "Confirm the declaration to claim the payment"), (refused.Problems[0].Field, refused.Problems[0].Message));

        var claim = await ClaimAsync(person, scheme, key);
        Assert.Matches(@"^PC-\d{6}$", claim.Reference);
        Assert.Equal(25_000, claim.ClaimedPence);
        Assert.Equal(claim.Id, (await ClaimAsync(person, scheme, key)).Id);

        var again = await Assert.ThrowsAsync<RefusedException>(() => ClaimAsync(person, scheme));
        Assert.Equal("You have already claimed this payment. Your claims show where it has got to.", again.Message);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.ProtectionClaims.CountAsync(c => c.PersonId == person.Id, Cancel));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ClaimSubmitted && e.Target == claim.Reference && e.ActorPersonId == person.Id, Cancel));
    }

    [Fact]
    public async Task TwoClaimsMadeAtOnce_PassTheCapOnce()
    {
        var unit = "Marine " + Guid.NewGuid().ToString("N")[..6];
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await FlatSchemeAsync(unit);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                return (await ClaimAsync(person, scheme)).Reference;
            }
            catch (RefusedException)
            {
                return null;
            }
        }));

        Assert.Single(outcomes, o => o is not null);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.ProtectionClaims.CountAsync(c => c.PersonId == person.Id, Cancel));
        Assert.Equal(25_000, (await db.ClaimAllowances.SingleAsync(a => a.PersonId == person.Id && a.SchemeId == scheme, Cancel)).ClaimedPence);
    }

    [Fact]
    public async Task TheSameFormSentFourTimesAtOnce_IsOneClaim_AndEverySendIsToldItsReference()
    {
        var unit = "Dogs " + Guid.NewGuid().ToString("N")[..6];
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await FlatSchemeAsync(unit);
        var key = Guid.NewGuid();

        var references = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => (await ClaimAsync(person, scheme, key)).Reference));

        Assert.Single(references.Distinct());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ProtectionClaims.CountAsync(c => c.PersonId == person.Id, Cancel));
    }

    [Fact]
    public async Task OutsideTheAudience_OrOutsideItsDays_NoClaimIsTaken()
    {
        var unit = "Traffic " + Guid.NewGuid().ToString("N")[..6];
        var inUnit = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var elsewhere = await factory.Data.CreatePersonAsync();
        var open = await FlatSchemeAsync(unit);
        var closed = await FlatSchemeAsync(unit, opens: -30, closes: -1);

        Assert.StartsWith("This scheme is not open to you.", (await Assert.ThrowsAsync<RefusedException>(() => ClaimAsync(elsewhere, open))).Message, StringComparison.Ordinal);
        Assert.StartsWith("This scheme takes claims from ", (await Assert.ThrowsAsync<RefusedException>(() => ClaimAsync(inUnit, closed))).Message, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ProtectionClaims.AnyAsync(c => c.PersonId == inUnit.Id || c.PersonId == elsewhere.Id, Cancel));
    }

    [Fact]
    public async Task APerson_ClaimsAFlatPaymentInThePortal_DeclaresChecksTheirAnswersAndGetsAReference()
    {
        var unit = "Mounted " + Guid.NewGuid().ToString("N")[..6];
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var outsider = await factory.Data.CreatePersonAsync();
        var scheme = await FlatSchemeAsync(unit);
        var client = factory.ClientAs(person.PayNumber);
        var page = $"/me/claims/new/{scheme}";

        var offered = await Html.ReadAsync(await client.GetAsync("/me/claims", Cancel));
        Assert.Contains(offered.QuerySelectorAll("[data-testid='scheme'] a"), a => a.GetAttribute("href") == page);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await factory.ClientAs(outsider.PayNumber).GetAsync(page, Cancel)).StatusCode);

        var undeclared = await Html.ReadAsync(await client.SubmitAsync(page, page + "?handler=Check", ("SubmissionKey", Guid.NewGuid().ToString())));
        Assert.Equal("Confirm the declaration to claim the payment", undeclared.QuerySelector(".govuk-error-summary__list a[href='#Declared']")!.TextContent);

        var key = Guid.NewGuid().ToString();
        var check = await Html.ReadAsync(await client.SubmitAsync(page, page + "?handler=Check", ("Declared", "true"), ("SubmissionKey", key)));
        Assert.Equal("Check your answers", check.QuerySelector("h1")!.TextContent);
        Assert.Contains("£250.00, with your salary", check.Section("answers").TextContent, StringComparison.Ordinal);

        var made = await client.SubmitAsync(page, page, ("Declared", "true"), ("SubmissionKey", key));
        var confirmed = await client.FollowAsync(made);
        var reference = confirmed.Section("reference").TextContent;
        Assert.Matches(@"^PC-\d{6}$", reference);
        Assert.Contains("Waiting to be checked", confirmed.QuerySelector($"tr[data-reference='{reference}']")!.TextContent, StringComparison.Ordinal);

        // The same form sent again is the same claim; a new one is refused, and says why.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SubmitAsync(page, page, ("Declared", "true"), ("SubmissionKey", key))).StatusCode);
        var again = await Html.ReadAsync(await client.SubmitAsync(page, page, ("Declared", "true"), ("SubmissionKey", Guid.NewGuid().ToString())));
        Assert.Equal("You have already claimed this payment. Your claims show where it has got to.", again.QuerySelector(".govuk-error-summary__list a")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ProtectionClaims.CountAsync(c => c.PersonId == person.Id, Cancel));
    }

    [Fact]
    public async Task AnAssessor_FindsAClaimInTheQueue_ByScheme_AndEachViewOfItIsAudited()
    {
        var unit = "Roads " + Guid.NewGuid().ToString("N")[..6];
        var person = await factory.Data.CreatePersonAsync(p => (p.Unit, p.GivenName) = (unit, "Eilidh"));
        var scheme = await FlatSchemeAsync(unit);
        var claim = await ClaimAsync(person, scheme);
        var assessor = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(assessor.PayNumber, Portal.Web.Infrastructure.Security.RoleNames.Claims);

        var queue = await Html.ReadAsync(await client.GetAsync($"/claims?scheme={scheme}", Cancel));
        var row = queue.QuerySelector($"tr[data-reference='{claim.Reference}']")!;
        Assert.Contains($"Eilidh {person.FamilyName}", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 claim · page 1 of 1", queue.Section("total").TextContent);

        var shown = await Html.ReadAsync(await client.GetAsync($"/claims/{claim.Reference}", Cancel));
        Assert.Equal("£250.00", shown.Section("claimed").TextContent);
        Assert.Equal("Waiting to be checked", shown.Section("status").TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
            .AnyAsync(e => e.Action == AuditActions.ClaimViewed && e.Target == claim.Reference && e.ActorPersonId == assessor.Id && e.SubjectPersonId == person.Id, Cancel));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/claims/PC-999999", Cancel)).StatusCode);
    }
}
