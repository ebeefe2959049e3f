using System.Net;
using System.Net.Sockets;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>/health as a load balancer and monitoring see it: the database and the mail relay, and nothing revealed.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_DatabaseAndRelayAnswering_IsHealthy()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var factory = NoticeHost.For(sink);

        var response = await factory.AnonymousClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_RelayDown_IsDegradedSoTheNodeKeepsServingButMonitoringSeesIt()
    {
        await using var factory = new PortalFactory
        {
            Settings =
            {
                ["Mail:Delivery"] = "Smtp",
                ["Mail:Host"] = "127.0.0.1",
                ["Mail:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Security"] = "None",
            },
        };
        var client = factory.AnonymousClient();

        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HealthDetails_SayWhichCheckIsDegraded_WithoutNamingTheRelayOrWhy()
    {
        var port = ClosedPort();
        await using var factory = new PortalFactory
        {
            Settings =
            {
                ["Mail:Delivery"] = "Smtp",
                ["Mail:Host"] = "127.0.0.1",
                ["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Security"] = "None",
            },
        };

        var response = await factory.AnonymousClient().GetAsync("/health/details", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var details = System.Text.Json.JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", details.GetProperty("status").GetString());
        Assert.Equal("Degraded", details.GetProperty("checks").GetProperty("mail").GetProperty("status").GetString());
        Assert.Equal("Healthy", details.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
