using System.Net;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class AmIAffectedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_WhenInOneIncident_ShowsFieldsHeldAndNotHeldAndSaysNotInTheOther()
    {
        var person = await factory.Data.CreatePersonAsync();
        var breach = await factory.Data.CreateIncidentAsync();
        var other = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(person, breach, HeldFields.Name | HeldFields.Photo | HeldFields.PayNumber);

        var response = await factory.ClientAs(person.PayNumber).GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        var held = page.Section($"incident-{breach.Reference}");
        Assert.Equal(["Your name", "Your photo", "Your pay number"], held.Texts("[data-testid='held'] dt"));
        var notHeld = held.Texts("[data-testid='not-held'] li");
        Assert.Equal(["Your rank or grade", "Your vetting level", "Your warrant card or pass number", "Your unit", "Your work location", "Your work e-mail address",
            "Home address – not included for anyone", "Financial details – not included for anyone"], notHeld);
        Assert.Contains("Latest news about " + breach.Reference, held.TextContent);

        var notIn = page.Section($"incident-{other.Reference}");
        Assert.Contains("You were not in this dataset", notIn.TextContent);
        Assert.Empty(notIn.QuerySelectorAll("[data-testid='held']"));
        Assert.Contains(breach.Title, page.Section("verdict").TextContent);
        Assert.DoesNotContain(other.Title, page.Section("verdict").TextContent);
    }

    [Fact]
    public async Task Get_WhenInNoIncident_SaysSoPlainly()
    {
        var person = await factory.Data.CreatePersonAsync();
        await factory.Data.CreateIncidentAsync();

        var page = await Html.ReadAsync(await factory.ClientAs(person.PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains("You were not in any incident's data", page.Section("verdict").TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid='held']"));
    }

    [Fact]
    public async Task Get_WithAnotherPersonsIdsInTheAddress_StillShowsOnlyYourOwnRecord()
    {
        var me = await factory.Data.CreatePersonAsync();
        var someoneElse = await factory.Data.CreatePersonAsync(p => p.SensitiveRole = SensitiveRole.Covert);
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(someoneElse, incident, HeldFields.Name | HeldFields.Photo);

        var response = await factory.ClientAs(me.PayNumber)
            .GetAsync($"/?personId={someoneElse.Id}&payNumber={someoneElse.PayNumber}&id={someoneElse.Id}", TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(me.FamilyName, body);
        Assert.DoesNotContain(someoneElse.FamilyName, body);
        Assert.Contains("You were not in any incident's data", body);
    }

    [Fact]
    public async Task Get_WhenInACovertRoleAndPhotoHeld_TellsThemToContactTheirHandlerFirst()
    {
        var officer = await factory.Data.CreatePersonAsync(p => (p.SensitiveRole, p.VettingLevel) = (SensitiveRole.Covert, VettingLevel.SC));
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(officer, incident, HeldFields.Name | HeldFields.Photo | HeldFields.VettingLevel);

        var page = await Html.ReadAsync(await factory.ClientAs(officer.PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        var warning = page.QuerySelector(".govuk-warning-text")!;
        Assert.Contains("Contact your handler or line manager now", warning.TextContent);
        Assert.True(warning.CompareDocumentPosition(page.Section("verdict")).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "The warning comes before anything else");
        Assert.Contains("Because you work in a covert role, your photo is the detail that matters most", page.Section($"incident-{incident.Reference}").TextContent);
        Assert.Contains("Your vetting level is SC", page.Section($"incident-{incident.Reference}").TextContent);
        Assert.StartsWith("Contact your handler", page.Texts("[data-testid='next-steps'] li")[0]);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public async Task Get_WhenNameHeld_SaysARareFamilyNameMattersOnlyWhenFewShareIt(int sharing, bool rare)
    {
        // The threshold is 5: five people with one family name is rare, six is not.
        var familyName = "Rarename" + TestData.NewPayNumber();
        var people = await factory.Data.CreatePeopleAsync(sharing, (p, _) => p.FamilyName = familyName);
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(people[0], incident, HeldFields.Name);

        var page = await Html.ReadAsync(await factory.ClientAs(people[0].PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        var said = page.Section($"incident-{incident.Reference}").TextContent.Contains("Few people in the force share your family name", StringComparison.Ordinal);
        Assert.Equal(rare, said);
    }

    [Theory]
    [InlineData("GET", "/notices")]
    [InlineData("GET", "/notices/1")]
    [InlineData("POST", "/notices/1")]
    [InlineData("GET", "/me/data")]
    [InlineData("GET", "/me/data?handler=Download")]
    [InlineData("GET", "/support")]
    [InlineData("GET", "/support/new")]
    [InlineData("POST", "/support/new")]
    [InlineData("GET", "/support/new/check")]
    [InlineData("POST", "/support/new/check")]
    [InlineData("GET", "/welfare")]
    [InlineData("GET", "/welfare/requests/SR-000001")]
    [InlineData("POST", "/welfare/requests/SR-000001?handler=Take")]
    public async Task EveryPageAboutYourOwnRecord_WhenNoPersonnelRecordMatches_SendsYouToThePageThatSaysWhatToDo(string method, string address)
    {
        var client = factory.ClientAs(TestData.NewPayNumber(), RoleNames.WelfareLead);

        var response = method == "POST"
            ? await client.SubmitAsync("/no-record", address, ("Version", "0"))
            : await client.GetAsync(address, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-record", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_WhenNoPersonnelRecordMatches_ShowsWhomToContactInsteadOfAnError()
    {
        var client = factory.ClientAs(TestData.NewPayNumber());

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-record", response.Headers.Location?.OriginalString);

        var page = await client.GetAsync("/no-record", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = (await Html.ReadAsync(page)).Body!.TextContent;
        Assert.Contains("We cannot find your record", text);
        Assert.Contains("HR Services", text);
    }

    [Fact]
    public async Task Get_WithOnlyAWorkEmailClaim_FindsThePersonByEmail()
    {
        var person = await factory.Data.CreatePersonAsync(p => p.Email = "Casey.Email-Match@Force.example");
        var client = factory.ClientWithEmail("NOPAYNUMBER", "casey.email-match@force.example");

        var body = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains(person.FamilyName, body);
    }

    [Fact]
    public async Task Health_AnswersWithoutSignInAndRevealsNothing()
    {
        var response = await factory.AnonymousClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
