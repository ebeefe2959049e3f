namespace Portal.Core.Data;

/// <summary>
/// A version number for what every signed-in person sees alike — incidents, their updates, published guidance — moved
/// on by every save through <see cref="PortalDbContext"/> that changes any of them, so that a cache of it in this
/// process can tell at once that it is out of date. Another node's changes reach this one when its cache expires.
/// </summary>
public static class SharedContent
{
    private static long version;

    public static long Version => Interlocked.Read(ref version);

    internal static void Changed() => Interlocked.Increment(ref version);
}
