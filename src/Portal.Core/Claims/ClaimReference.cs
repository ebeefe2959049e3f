using System.Globalization;

namespace Portal.Core.Claims;

/// <summary>A claim's reference as people read and quote it: PC-000123.</summary>
public static class ClaimReference
{
    public static string Format(int id) => string.Create(CultureInfo.InvariantCulture, $"PC-{id:000000}");

    public static bool TryParse(string? text, out int id)
    {
        id = 0;
        var value = text?.Trim() ?? "";
        return value.StartsWith("PC-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
