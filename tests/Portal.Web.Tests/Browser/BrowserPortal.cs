using Microsoft.Playwright;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// The portal on a real port (Kestrel) and Debian's Chromium driven by Playwright. Each page is signed in by the test
/// scheme's headers, so a test opens the portal as anyone. Chromium is found at PORTAL_CHROMIUM or /usr/bin/chromium;
/// ./test.sh installs it. Without it the tests fail, saying so: they never skip.
/// </summary>
public class BrowserPortal : IAsyncLifetime
{
    public BrowserPortal()
        : this(new PortalFactory())
    {
    }

    protected BrowserPortal(PortalFactory factory) => Factory = factory;

    public PortalFactory Factory { get; }

    /// <summary>The port to listen on; 0 for any free one.</summary>
    protected int Port { get; init; }
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>A desktop browser window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <summary>A phone held upright: 320 CSS pixels wide, the width WCAG 2.2's reflow criterion (1.4.10) names.</summary>
    public static readonly ViewportSize Phone = new() { Width = 320, Height = 720 };

    /// <summary>Every Content-Security-Policy violation any page reported, with the page it was on.</summary>
    public List<string> PolicyViolations { get; } = [];

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}. Install Debian's chromium (./test.sh does: apt-get install chromium) or set PORTAL_CHROMIUM.");
        }

        Factory.UseKestrel(Port);
        Factory.StartServer();
        BaseUrl = Factory.ListeningAddress;
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root (in CI containers) Chromium's sandbox cannot start.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>A fresh browser tab signed in as this person with these roles (or anonymous with no pay number).</summary>
    public Task<IPage> PageAsync(string? payNumber, params string[] roles)
    {
        var headers = new Dictionary<string, string>();
        if (payNumber is not null)
        {
            headers[TestAuthHandler.UserHeader] = payNumber;
            if (roles.Length > 0)
            {
                headers[TestAuthHandler.RolesHeader] = string.Join(',', roles);
            }
        }

        return NewPageAsync(Desktop, headers);
    }

    /// <summary>A fresh browser (its own cookies) with one tab, this size, sending these headers with every request.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize viewport, Dictionary<string, string>? headers = null, bool javaScript = true)
    {
        var phone = viewport.Width < 600;
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ExtraHTTPHeaders = headers ?? [],
            ViewportSize = viewport,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            JavaScriptEnabled = javaScript,
        });
        // axe-core is added to every page before the page's own scripts (as DevTools would add it), so that the
        // portal's Content-Security-Policy, which allows no inline script, applies unchanged.
        await context.AddInitScriptAsync(scriptPath: AccessibilityCheck.AxeScriptPath);
        // A step that cannot happen should fail the test soon, not after Playwright's default 30 s.
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (PolicyViolations)
                {
                    PolicyViolations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    /// <summary>
    /// Waits until the page's document has loaded, asking the document itself (its readyState is "complete"). Waiting
    /// for Playwright's "load" event instead twice waited out its 10 s in CI on a page that had settled ("networkidle"
    /// had fired after it), in a different test each time and never on this machine; asking the document does not
    /// depend on that event reaching the test. A page still loading after 30 s fails, saying what it was still loading.
    /// </summary>
    public static async Task LoadedAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 100, Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            var state = await page.EvaluateAsync<string>(
                "() => document.readyState + '; not yet loaded: ' + (performance.getEntriesByType('resource').filter(r => r.responseEnd === 0).map(r => r.name).join(', ') || 'nothing')");
            throw new TimeoutException($"{page.Url} had not loaded after 30 s: {state}", e);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
