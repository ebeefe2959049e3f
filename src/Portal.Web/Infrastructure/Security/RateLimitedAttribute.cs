namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Marks a page handler whose every run counts against a limit. The limit is decided by the handler Razor Pages
/// actually selected, so no spelling of the address (<c>?handler=reply&amp;handler=x</c>, another case) can reach the
/// act without being counted, and nothing that does not run the act is counted.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
