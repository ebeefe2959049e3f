using Microsoft.Playwright;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// The portal as people meet it, for the journeys: its own sign-in (the development sign-in page, standing in for
/// Entra ID), sending notices to a real SMTP server on loopback (aiosmtpd) and texts through a real Kannel gateway (its
/// fake SMS centre standing in for the network), in a real Chromium on a real port — the address its e-mails and texts link to.
/// </summary>
public sealed class JourneyPortal : BrowserPortal
{
    private SmtpSink? smtp;
    private SmsCentre? texts;

    public JourneyPortal()
        : base(new PortalFactory { TestAuthentication = false })
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        Port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public SmtpSink Smtp => smtp ?? throw new InvalidOperationException("The SMTP server has not started.");

    public SmsCentre Texts => texts ?? throw new InvalidOperationException("The SMS gateway has not started.");

    public override async ValueTask InitializeAsync()
    {
        smtp = await SmtpSink.StartAsync();
        texts = await SmsCentre.StartAsync();
        Factory.SendingThrough(smtp).TextingThrough(texts);
        Factory.Settings["Notices:PortalUrl"] = $"http://localhost:{Port}";
        Factory.Settings["Notices:LadderCron"] = "0 0 31 2 *";
        // The journeys sign in more people within a minute, all from this one address, than the limit a real address has.
        Factory.Settings["RateLimits:SignInsPerMinute"] = "1000";
        await base.InitializeAsync();
    }

    /// <summary>
    /// Opens the portal in a fresh browser of this size and signs in on the sign-in page as this pay number with these
    /// roles, as a person would; the sign-in page is checked on the way.
    /// </summary>
    public async Task<IPage> SignInAsync(string payNumber, ViewportSize viewport, AccessibilityCheck? check, params string[] roles) =>
        await SignInAsync(payNumber, viewport, check, javaScript: true, roles);

    public async Task<IPage> SignInAsync(string payNumber, ViewportSize viewport, AccessibilityCheck? check, bool javaScript, params string[] roles)
    {
        var page = await NewPageAsync(viewport, javaScript: javaScript);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in for development" })).ToBeVisibleAsync();
        if (check is not null)
        {
            await check.PageAsync(page, "sign-in");
        }

        await page.GetByLabel("Pay number").FillAsync(payNumber);
        foreach (var role in roles)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with this pay number" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(1);
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (smtp is not null)
        {
            await smtp.DisposeAsync();
        }

        if (texts is not null)
        {
            await texts.DisposeAsync();
        }
    }
}
