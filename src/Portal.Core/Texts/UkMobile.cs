namespace Portal.Core.Texts;

/// <summary>UK mobile numbers as people type them: 07700 900982, +44 7700 900982, 0044 7700 900982 or (07700) 900-982.</summary>
public static class UkMobile
{
    /// <summary>The number in international form (447700900982), or null when it is not a UK mobile number.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
        {
            return null;
        }

        var text = input.Trim();
        var plus = text.StartsWith('+');
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')) || text.LastIndexOf('+') > 0)
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        digits = plus ? digits : digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits.StartsWith('0') ? "44" + digits[1..] : digits;
        return digits.Length == 12 && digits.StartsWith("447", StringComparison.Ordinal) ? digits : null;
    }

    /// <summary>How the portal shows a number it holds: only its last three digits.</summary>
    public static string Masked(string ending) => $"07\u2022\u2022\u2022 \u2022\u2022\u2022{ending}";
}
