using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Core.People;

namespace Portal.Core.Tests;

public sealed class PersonMatcherTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await database.PersonnelImporter().ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", email: "Alex.Smith@Force.example"),
            Csv.Person("100002", email: "sam.jones@force.example")));
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    private async Task<string?> PayNumberOfAsync(int? id)
    {
        await using var db = database.NewContext();
        return id is null ? null : await db.People.Where(p => p.Id == id).Select(p => p.PayNumber).SingleAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PayNumberClaim_FindsThatPerson()
    {
        var id = await database.PersonMatcher().FindPersonIdAsync(User(("employeeid", "100002"), ("preferred_username", "alex.smith@force.example")), TestContext.Current.CancellationToken);

        Assert.Equal("100002", await PayNumberOfAsync(id));
    }

    [Fact]
    public async Task NoPayNumberClaim_FallsBackToWorkEmailIgnoringCase()
    {
        var id = await database.PersonMatcher().FindPersonIdAsync(User(("preferred_username", "ALEX.SMITH@force.EXAMPLE")), TestContext.Current.CancellationToken);

        Assert.Equal("100001", await PayNumberOfAsync(id));
    }

    [Fact]
    public async Task UnknownPayNumber_FallsBackToEmail()
    {
        var id = await database.PersonMatcher().FindPersonIdAsync(User(("employeeid", "424242"), ("email", "sam.jones@force.example")), TestContext.Current.CancellationToken);

        Assert.Equal("100002", await PayNumberOfAsync(id));
    }

    [Fact]
    public async Task ConfiguredClaimNames_AreTheOnesUsed()
    {
        var options = new PersonMatchingOptions { PayNumberClaim = "extn.payNumber", EmailClaims = ["upn"] };

        var byPay = await database.PersonMatcher(options).FindPersonIdAsync(User(("extn.payNumber", "100001")), TestContext.Current.CancellationToken);
        var ignored = await database.PersonMatcher(options).FindPersonIdAsync(User(("employeeid", "100001"), ("preferred_username", "sam.jones@force.example")), TestContext.Current.CancellationToken);

        Assert.Equal("100001", await PayNumberOfAsync(byPay));
        Assert.Null(ignored);
    }

    [Fact]
    public async Task NoMatchingClaim_FindsNobody()
    {
        var id = await database.PersonMatcher().FindPersonIdAsync(User(("name", "Somebody"), ("preferred_username", "nobody@force.example")), TestContext.Current.CancellationToken);

        Assert.Null(id);
    }

    [Fact]
    public async Task AnonymousUser_FindsNobody()
    {
        var id = await database.PersonMatcher().FindPersonIdAsync(new ClaimsPrincipal(new ClaimsIdentity()), TestContext.Current.CancellationToken);

        Assert.Null(id);
    }
}
