using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web.Infrastructure;

/// <summary>The <c>Proxy</c> section: which load balancers or reverse proxies may say who the client is and that it used HTTPS.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies in front of the portal. Loopback is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form (10.20.0.0/16).</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ProxySetup
{
    /// <summary>
    /// Honours X-Forwarded-For and X-Forwarded-Proto only from the configured proxies, so the audit trail records the
    /// client's address and cookies are issued as Secure behind a proxy that ends TLS. A header from anyone else is ignored:
    /// otherwise any client could write its own address into the audit trail.
    /// </summary>
    public static void AddPortalProxy(this WebApplicationBuilder builder)
    {
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
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }
}
