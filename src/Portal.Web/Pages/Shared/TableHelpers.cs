using Microsoft.AspNetCore.Mvc.Rendering;

namespace Portal.Web.Pages.Shared;

/// <summary>Tables wider than a phone's screen.</summary>
public static class TableHelpers
{
    /// <summary>
    /// Opens the box a wide table scrolls within, so that on a phone the table scrolls and not the page (WCAG 1.4.10):
    /// a region named <paramref name="label"/> that the keyboard can reach and scroll. Written straight to the page, as
    /// a form is; disposing it closes the box.
    /// </summary>
    public static IDisposable ScrollingTable(this IHtmlHelper html, string label)
    {
        var writer = html.ViewContext.Writer;
        writer.Write("<div class=\"portal-table-scroll\" role=\"region\" aria-label=\"");
        writer.Write(html.Encode(label));
        writer.Write("\" tabindex=\"0\">");
        return new Close(writer);
    }

    private sealed class Close(TextWriter writer) : IDisposable
    {
        public void Dispose() => writer.Write("</div>");
    }
}
