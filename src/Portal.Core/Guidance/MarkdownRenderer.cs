using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Portal.Core.Guidance;

/// <summary>
/// Turns guidance Markdown into HTML that is safe to put in a page: Markdig with raw HTML disabled, then
/// HtmlSanitizer as a second line, which also gives each element its GOV.UK Design System class.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    private static readonly Dictionary<string, string> Classes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p"] = "govuk-body",
        ["h1"] = "govuk-heading-l",
        ["h2"] = "govuk-heading-m",
        ["h3"] = "govuk-heading-s",
        ["h4"] = "govuk-heading-s",
        ["ul"] = "govuk-list govuk-list--bullet",
        ["ol"] = "govuk-list govuk-list--number",
        ["a"] = "govuk-link",
        ["table"] = "govuk-table",
        ["thead"] = "govuk-table__head",
        ["tbody"] = "govuk-table__body",
        ["tr"] = "govuk-table__row",
        ["th"] = "govuk-table__header",
        ["td"] = "govuk-table__cell",
        ["blockquote"] = "govuk-inset-text",
        ["hr"] = "govuk-section-break govuk-section-break--m govuk-section-break--visible",
    };

    private readonly HtmlSanitizer sanitizer;

    public MarkdownRenderer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "del", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "br" })
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                if (Classes.TryGetValue(element.LocalName, out var className))
                {
                    element.ClassName = className;
                }

                if (element.LocalName == "a" && element.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                {
                    element.SetAttribute("rel", "noreferrer noopener");
                }
            }
        };
    }

    /// <summary>
    /// How deep quotes and lists may nest in an article. Markdig refuses input nested far deeper (an attack, not an
    /// article); saving and previewing refuse anything past this, and an article stored before the limit is shown as text.
    /// </summary>
    public const int MaxNesting = 16;

    public string ToHtml(string markdown)
    {
        try
        {
            return sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit: show the words as plain paragraphs rather than fail the page.
            return string.Concat(markdown.Split("\n\n").Select(paragraph => $"<p class=\"govuk-body\">{System.Net.WebUtility.HtmlEncode(paragraph)}</p>"));
        }
    }

    /// <summary>How many quotes and lists (each list and its item count one each) enclose the deepest text; past Markdig's own limit, <see cref="int.MaxValue"/>.</summary>
    public static int NestingDepth(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return int.MaxValue;
        }

        var deepest = 0;
        var containers = new Stack<(ContainerBlock Block, int Depth)>([(document, 0)]);
        while (containers.TryPop(out var next))
        {
            deepest = Math.Max(deepest, next.Depth);
            foreach (var child in next.Block.OfType<ContainerBlock>())
            {
                containers.Push((child, next.Depth + 1));
            }
        }

        return deepest;
    }

    /// <summary>The Markdown as plain text, for search.</summary>
    public static string ToPlainText(string markdown)
    {
        try
        {
            return Markdown.ToPlainText(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return markdown;
        }
    }
}
