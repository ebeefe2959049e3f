namespace Portal.Core.Oversight;

/// <summary>What a set of figures covers: every incident, or one incident since it was discovered.</summary>
public sealed record OversightScope(string Key, string Title, int? IncidentId, DateTime? SinceUtc)
{
    public const string AllKey = "all";

    public static OversightScope All { get; } = new(AllKey, "The whole response", null, null);
}
