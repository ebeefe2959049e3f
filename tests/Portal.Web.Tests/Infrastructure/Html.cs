using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The error summary's links that lead nowhere: no element on the page has the id they jump to.</summary>
    public static IReadOnlyList<string> SummaryLinksWithoutTarget(this IDocument page) =>
        [.. page.QuerySelectorAll(".govuk-error-summary a[href^='#']").Select(a => a.GetAttribute("href")!).Where(href => page.GetElementById(href[1..]) is null)];

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static IReadOnlyList<string> Texts(this IParentNode node, string selector) =>
        [.. node.QuerySelectorAll(selector).Select(e => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ").Trim())];

    /// <summary>Where a form or button on the page at <paramref name="pageUrl"/> sends the browser: its action resolved as a browser resolves it.</summary>
    public static string Target(this IElement formOrButton, string pageUrl)
    {
        var action = formOrButton.GetAttribute("formaction") ?? formOrButton.GetAttribute("action") ?? "";
        return new Uri(new Uri(new Uri("http://localhost"), pageUrl), action).PathAndQuery;
    }

    public static IElement Section(this IDocument document, string testId) =>
        document.QuerySelector($"[data-testid='{testId}']") ?? throw new InvalidOperationException($"No element with data-testid '{testId}'.");
}
