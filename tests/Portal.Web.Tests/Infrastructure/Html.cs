using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

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
