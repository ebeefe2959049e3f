using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class GuidanceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> StaffAsync(Action<Person>? configure = null) => factory.ClientAs((await factory.Data.CreatePersonAsync(configure)).PayNumber);

    [Fact]
    public async Task Library_ListsEveryPublishedArticle()
    {
        var page = await Html.ReadAsync(await (await StaffAsync()).GetAsync("/guidance", TestContext.Current.CancellationToken));

        var titles = page.Section("articles").Texts("h2");
        Assert.Equal(8, titles.Count);
        Assert.Contains("Reduce what can be found about you online", titles);
    }

    [Fact]
    public async Task Search_FindsArticlesByWordsInTheirBody()
    {
        var page = await Html.ReadAsync(await (await StaffAsync()).GetAsync("/guidance?q=electoral+REGISTER", TestContext.Current.CancellationToken));

        Assert.Equal(["Reduce what can be found about you online"], page.Section("articles").Texts("h2"));
        Assert.Contains("1 article matches", page.Section("result-count").TextContent);
    }

    [Fact]
    public async Task Search_WithNoMatch_SaysSoAndOffersTheWholeLibrary()
    {
        var page = await Html.ReadAsync(await (await StaffAsync()).GetAsync("/guidance?q=xylophone", TestContext.Current.CancellationToken));

        Assert.Contains("0 articles match", page.Section("result-count").TextContent);
        Assert.Empty(page.Section("articles").Texts("h2"));
    }

    [Fact]
    public async Task Search_WithAnOverlongQuery_ShowsAnErrorNotAFailure()
    {
        var response = await (await StaffAsync()).GetAsync("/guidance?q=" + new string('a', 500), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal("#q", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Article_IsRenderedWithDesignSystemMarkup()
    {
        var page = await Html.ReadAsync(await (await StaffAsync()).GetAsync("/guidance/reduce-your-online-footprint", TestContext.Current.CancellationToken));

        Assert.Equal("Reduce what can be found about you online", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("1. Opt out of the open electoral register", page.Section("article-body").Texts("h2.govuk-heading-m"));
        Assert.Contains("Last reviewed 12 October 2023", page.Body!.TextContent);
    }

    [Fact]
    public async Task Article_ThatIsUnknownOrADraft_IsNotFound()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.GuidanceArticles.Add(new GuidanceArticle { Slug = "unpublished-draft", Title = "Draft", Summary = "Draft", BodyMarkdown = "Secret plans", Status = GuidanceStatus.Draft });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var client = await StaffAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/guidance/no-such-article", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/guidance/unpublished-draft", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain("Secret plans", await client.GetStringAsync("/guidance?q=secret", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Guidance_WhenAnonymous_IsChallenged()
    {
        Assert.True(factory.AsksToSignIn(await factory.AnonymousClient().GetAsync("/guidance", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AmIAffected_ShowsTheThreeArticlesMostRelevantToMyExposureAndRole()
    {
        var officer = await factory.Data.CreatePersonAsync(p => p.SensitiveRole = SensitiveRole.Protection);
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(officer, incident, HeldFields.Name | HeldFields.Photo | HeldFields.IdCardNumber);

        var page = await Html.ReadAsync(await factory.ClientAs(officer.PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        var links = page.Section("guidance-for-me").QuerySelectorAll("li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/guidance/covert-protection-and-counter-terrorism-roles", "/guidance/spotting-approaches-and-impersonation", "/guidance/reduce-your-online-footprint"], links);
    }
}
