using Portal.Core.Domain;
using Portal.Core.Guidance;

namespace Portal.Core.Tests;

public sealed class GuidanceTests
{
    private static readonly IReadOnlyList<GuidanceArticle> Starter = StarterGuidance.Load();
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("what-was-held", "never held **home addresses**")]
    [InlineData("reduce-your-online-footprint", "open electoral register")]
    [InlineData("reduce-your-online-footprint", "people-search sites")]
    [InlineData("reduce-your-online-footprint", "Companies House")]
    [InlineData("reduce-your-online-footprint", "social media")]
    [InlineData("spotting-approaches-and-impersonation", "copy of your card")]
    [InlineData("home-and-vehicle-security", "Your vehicle")]
    [InlineData("advice-for-your-family", "Children")]
    [InlineData("covert-protection-and-counter-terrorism-roles", "Contact your handler or line manager now")]
    [InlineData("wellbeing-and-occupational-health", "Occupational Health")]
    [InlineData("your-data-rights", "data protection officer")]
    public void StarterSet_CoversEachTopicPeopleNeed(string slug, string text)
    {
        var article = Assert.Single(Starter, a => a.Slug == slug);

        Assert.Contains(text, article.BodyMarkdown, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(GuidanceStatus.Published, article.Status);
    }

    [Fact]
    public void StarterSet_RendersToHtmlWithDesignSystemClasses()
    {
        foreach (var article in Starter)
        {
            var html = Renderer.ToHtml(article.BodyMarkdown);
            Assert.Contains("<p class=\"govuk-body\">", html);
            Assert.DoesNotContain("<h1", html);
        }
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=\"alert('x')\">")]
    [InlineData("[click me](javascript:alert('x'))")]
    [InlineData("<a href=\"javascript:alert('x')\">click</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=alert('x')>")]
    public void Markdown_WithScriptOrMarkup_ComesBackInert(string markdown)
    {
        var html = Renderer.ToHtml("Before\n\n" + markdown + "\n\nAfter");

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" or "iframe" or "svg" or "object" or "embed");
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(elements, e => e.GetAttribute("href")?.Contains("javascript:", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains("After", document.Body.TextContent);
    }

    [Fact]
    public void Markdown_ExternalLinks_OpenWithoutReferrer()
    {
        var html = Renderer.ToHtml("See [the ICO](https://ico.org.uk/).");

        Assert.Contains("<a href=\"https://ico.org.uk/\" class=\"govuk-link\" rel=\"noreferrer noopener\">the ICO</a>", html);
    }

    private static IReadOnlyList<string> MostRelevant(HeldFields held, SensitiveRole role) =>
        [.. GuidanceRelevance.MostRelevant(Starter.Select(a => new GuidanceRelevance.Candidate(a.Slug, a.Title, a.Summary, a.Fields, a.ForRoles, a.DisplayOrder)), held, role)
            .Select(a => a.Slug)];

    private const HeldFields SupplierSix = HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo | HeldFields.VettingLevel | HeldFields.PayNumber | HeldFields.IdCardNumber;

    [Fact]
    public void MostRelevant_ForACovertOfficerWithPhotoHeld_PutsTheirRoleArticleFirst()
    {
        var chosen = MostRelevant(SupplierSix, SensitiveRole.Covert);

        Assert.Equal(3, chosen.Count);
        Assert.Equal("covert-protection-and-counter-terrorism-roles", chosen[0]);
    }

    [Fact]
    public void MostRelevant_ForSomeoneWithoutASensitiveRole_NeverIncludesTheRoleArticle()
    {
        var chosen = MostRelevant(SupplierSix, SensitiveRole.None);

        Assert.Equal(["spotting-approaches-and-impersonation", "reduce-your-online-footprint", "home-and-vehicle-security"], chosen);
    }

    [Fact]
    public void MostRelevant_WhenOnlyNameAndStationHeld_LeadsWithTheOnlineFootprint()
    {
        var chosen = MostRelevant(HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Unit | HeldFields.WorkLocation, SensitiveRole.None);

        Assert.Equal("reduce-your-online-footprint", chosen[0]);
    }

    [Fact]
    public void MostRelevant_WhenNothingWasHeld_OffersGeneralGuidance()
    {
        var chosen = MostRelevant(HeldFields.None, SensitiveRole.Covert);

        Assert.Equal(["what-was-held", "wellbeing-and-occupational-health", "your-data-rights"], chosen);
    }

    [Theory]
    [InlineData("> ")]
    [InlineData("- ")]
    [InlineData("1. ")]
    public void ToHtml_OfMarkdownNestedThousandsDeep_StillRendersTheText(string marker)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, 5_000)) + "The end";

        var html = Renderer.ToHtml(markdown);
        var plain = MarkdownRenderer.ToPlainText(markdown);

        Assert.Contains("The end", html, StringComparison.Ordinal);
        Assert.Contains("The end", plain, StringComparison.Ordinal);
        Assert.True(MarkdownRenderer.NestingDepth(markdown) > MarkdownRenderer.MaxNesting);
    }

    [Fact]
    public void NestingDepth_OfOrdinaryArticles_IsWithinTheLimit()
    {
        Assert.All(Starter, article => Assert.InRange(MarkdownRenderer.NestingDepth(article.BodyMarkdown), 1, MarkdownRenderer.MaxNesting));
        Assert.Equal(3, MarkdownRenderer.NestingDepth("> quoted\n> - a list in it"));
    }
}
