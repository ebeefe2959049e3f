namespace Portal.Web.Infrastructure;

/// <summary>
/// Hangfire's log provider is process-wide, so in a process that starts and stops several hosts (the tests) it can
/// outlive the host whose loggers it hands out. A logger asked of a host already disposed is then a silent one,
/// rather than an exception that stops the next host starting. One host per process, as in production, never sees it.
/// </summary>
internal sealed class OutlivedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return inner.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the factory and disposes it.
    }
}
