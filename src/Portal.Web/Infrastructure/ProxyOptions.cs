namespace Portal.Web.Infrastructure;

/// <summary>The <c>Proxy</c> section: which load balancers or reverse proxies may say who the client is and that it used HTTPS.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies in front of the portal. Only these are trusted: list 127.0.0.1 for a proxy on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form (10.20.0.0/16).</summary>
    public string[] KnownNetworks { get; set; } = [];
}
