using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web.Infrastructure;

public static class ProxySetup
{
    /// <summary>
    /// Honours X-Forwarded-For and X-Forwarded-Proto only from the configured proxies, so the audit trail records the
    /// client's address and cookies are issued as Secure behind a proxy that ends TLS. A header from anyone else is ignored
    /// — loopback included, unless it is listed: otherwise any client on the machine could choose its own address for the
    /// audit trail and the sign-in limit. Outside Development the portal answers only to the host names in
    /// <c>AllowedHosts</c>, so that no address it builds (the sign-in's return address) comes from a Host header a client chose.
    /// </summary>
    public static void AddPortalProxy(this WebApplicationBuilder builder)
    {
        var hosts = builder.Configuration["AllowedHosts"];
        if (!builder.Environment.IsDevelopment() && (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(host => host.Trim() is "*" or "")))
        {
            throw new InvalidOperationException(
                $"AllowedHosts is \"{hosts}\" in the {builder.Environment.EnvironmentName} environment. Set it to the host names people use to reach the portal, " +
                "separated by semicolons (portal.example-force.police.uk): the portal builds its sign-in return address from the request's host, so it must not answer to any host a client names.");
        }

        var proxy = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Select(text => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"Proxy:KnownProxies has \"{text}\", which is not an IP address. List the proxies' addresses, such as 10.20.0.5."))
            .ToList();
        var networks = proxy.KnownNetworks.Select(text => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"Proxy:KnownNetworks has \"{text}\", which is not a network in CIDR form. Write it like 10.20.0.0/16."))
            .ToList();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // ASP.NET Core trusts loopback by default, and trusts everyone once both lists are empty; the portal trusts
            // only what is configured, and with nothing configured reads no forwarded header at all.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The older list may still hold the default loopback network.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            options.ForwardedHeaders = proxies.Count + networks.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
    }
}
