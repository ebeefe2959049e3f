using System.Net;
using System.Net.Sockets;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// A plain HTTP address on loopback that passes each GET on to a portal under test, as the proxy in front of the
/// portal passes on a gateway's calls: Kannel calls it with delivery reports. Only path and query go through.
/// </summary>
public sealed class LoopbackForwarder : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Lazy<HttpClient> portal;
    private readonly Task loop;

    /// <summary>Listens at once; <paramref name="portal"/> is asked for its client only at the first call, so the portal can be configured with <see cref="Address"/> first.</summary>
    public LoopbackForwarder(Func<HttpClient> portal)
    {
        this.portal = new Lazy<HttpClient>(portal);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Address + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Address { get; }

    /// <summary>How many calls it has passed on.</summary>
    public int Calls { get; private set; }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var response = await portal.Value.GetAsync(context.Request.Url!.PathAndQuery);
                Calls++;
                context.Response.StatusCode = (int)response.StatusCode;
                await context.Response.OutputStream.WriteAsync(await response.Content.ReadAsByteArrayAsync());
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                // A call that arrives as the portal stops (a late delivery report) is answered as a proxy would.
                context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            }

            context.Response.Close();
        }
    }
}
