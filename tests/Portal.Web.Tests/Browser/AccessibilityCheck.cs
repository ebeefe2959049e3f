using System.Text.Json;
using Microsoft.Playwright;
using Portal.Web.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// What a journey checks on every page it visits: axe-core (from npm, added to the page) finds no violation of WCAG 2.2
/// level A or AA; at phone width nothing makes the page scroll sideways (WCAG 1.4.10, reflow); and a full-page
/// screenshot is saved as a test artifact, under TestResults/screenshots/{journey}/. Problems are collected, so one
/// run lists every page's, and the journey fails at its end with all of them.
/// </summary>
public sealed class AccessibilityCheck(string journey)
{
    /// <summary>The axe rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    private const string RunAxe = """
        async (tags) => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return {
            rules: result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length,
            violations: result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`),
          };
        }
        """;

    /// <summary>
    /// How much wider than the window the page is, and the elements that make it so (those past the window's right
    /// edge, or whose own text runs out of them). The window's width is given, not read: a phone's browser widens its
    /// layout to fit content that is too wide, and zooms out.
    /// </summary>
    private const string Overflowing = """
        (width) => {
          const over = document.documentElement.scrollWidth - width;
          if (over <= 0) return { over, culprits: [] };
          const scrollsWithin = e => {
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
              if (getComputedStyle(p).overflowX !== 'visible') return true;
            }
            return false;
          };
          const culprits = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1 || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0))
            .filter(e => !scrollsWithin(e))
            .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].map(c => '.' + c).join('')} "${(e.textContent || '').trim().slice(0, 40)}"`);
          return { over, culprits: culprits.slice(-3) };
        }
        """;


    private int step;

    public static string AxeScriptPath { get; } = Path.Combine(
        PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("The browser tests run from the repository, which holds node_modules."),
        "node_modules", "axe-core", "axe.min.js");

    /// <summary>TestResults/screenshots/{journey}, beside the test results ./test.sh writes (PORTAL_ARTIFACTS moves it).</summary>
    public string Directory { get; } = FolderFor(journey);

    /// <summary>Where the artifacts (screenshots, PDFs) of a journey or test with this name are saved.</summary>
    public static string FolderFor(string name) => Path.Combine(
        Environment.GetEnvironmentVariable("PORTAL_ARTIFACTS") is { Length: > 0 } artifacts
            ? artifacts
            : Path.Combine(PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory)!, "TestResults"),
        "screenshots", name);

    public List<string> Problems { get; } = [];

    /// <summary>The pages checked, by the names the journey gave them.</summary>
    public List<string> Pages { get; } = [];

    /// <summary>Checks the page as it is now and saves its screenshot as "{step}-{name}.png".</summary>
    public async Task PageAsync(IPage page, string name)
    {
        await BrowserPortal.LoadedAsync(page);
        step++;
        Pages.Add(name);
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory, $"{step:00}-{name}.png"), FullPage = true });

        var result = await page.EvaluateAsync<JsonElement>(RunAxe, Tags);
        if (result.GetProperty("rules").GetInt32() == 0)
        {
            Problems.Add($"{name} ({page.Url}): axe-core ran no rules, so it checked nothing.");
        }

        foreach (var violation in result.GetProperty("violations").EnumerateArray())
        {
            Problems.Add($"{name} ({page.Url}): {violation.GetString()}");
        }

        if (page.ViewportSize is { Width: < 600 } phone)
        {
            var wide = await page.EvaluateAsync<JsonElement>(Overflowing, phone.Width);
            if (wide.GetProperty("over").GetInt32() > 0)
            {
                Problems.Add($"{name} ({page.Url}): scrolls sideways at {phone.Width} px wide, by {wide.GetProperty("over").GetInt32()} px; " +
                    $"too wide: {string.Join(", ", wide.GetProperty("culprits").EnumerateArray().Select(e => e.GetString()))}");
            }
        }
    }

    /// <summary>Fails with every problem found on every page, naming the pages that were checked.</summary>
    public void AssertNoProblems()
    {
        Assert.True(Pages.Count > 0, "No page was checked.");
        Assert.True(Problems.Count == 0,
            $"{Problems.Count} accessibility problems on the {Pages.Count} pages of {journey} (screenshots in {Directory}):\n" + string.Join("\n", Problems));
    }
}
