using System.Text;

namespace Portal.Core.Texts;

/// <summary>The GSM 03.38 alphabet: which characters a text can carry in 7 bits, and how many messages it takes.</summary>
public static class GsmAlphabet
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    /// <summary>Characters outside the alphabet that have a plain equivalent inside it, so a curly quote does not make a text UCS-2.</summary>
    private static readonly Dictionary<char, string> Plain = new()
    {
        ['\u2018'] = "'",
        ['\u2019'] = "'",
        ['\u201A'] = "'",
        ['\u201B'] = "'",
        ['\u201C'] = "\"",
        ['\u201D'] = "\"",
        ['\u201E'] = "\"",
        ['\u2013'] = "-",
        ['\u2014'] = "-",
        ['\u2212'] = "-",
        ['\u2026'] = "...",
        ['\u00A0'] = " ",
        ['\u2009'] = " ",
        ['\u202F'] = " ",
        ['\t'] = " ",
    };

    public static bool IsGsm7(char c) => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal);

    /// <summary>The text with typographic quotes, dashes and spaces made plain, so that it fits the GSM alphabet where it can.</summary>
    public static string Simplify(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(Plain.TryGetValue(c, out var plain) ? plain : c.ToString());
        }

        return builder.ToString();
    }

    public static SmsEncoding Measure(string text)
    {
        if (text.All(IsGsm7))
        {
            var septets = text.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return new SmsEncoding(true, septets, septets <= SmsEncoding.Gsm7Single ? 1 : (septets + SmsEncoding.Gsm7Part - 1) / SmsEncoding.Gsm7Part);
        }

        var units = text.Length;
        return new SmsEncoding(false, units, units <= SmsEncoding.Ucs2Single ? 1 : (units + SmsEncoding.Ucs2Part - 1) / SmsEncoding.Ucs2Part);
    }
}
