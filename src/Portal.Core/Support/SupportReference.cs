using System.Globalization;

namespace Portal.Core.Domain;

/// <summary>References like SR-000123: the request's number, formatted for people to quote.</summary>
public static class SupportReference
{
    public const string Prefix = "SR-";

    public static string Format(int id) => Prefix + id.ToString("D6", CultureInfo.InvariantCulture);

    public static bool TryParse(string? reference, out int id)
    {
        id = 0;
        var text = reference?.Trim() ?? "";
        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..];
        }

        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
