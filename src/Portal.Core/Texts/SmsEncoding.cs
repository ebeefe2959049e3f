namespace Portal.Core.Texts;

/// <summary>
/// How a text travels: in the GSM 7-bit alphabet (160 characters a message, 153 a part when split) when every
/// character is in it, otherwise as UCS-2 (70, or 67 a part). <see cref="Units"/> counts septets for GSM-7 (a
/// character of the extension table, such as € or [, takes two) and UTF-16 code units for UCS-2.
/// </summary>
public sealed record SmsEncoding(bool IsGsm7, int Units, int Parts)
{
    public const int Gsm7Single = 160, Gsm7Part = 153, Ucs2Single = 70, Ucs2Part = 67;

    /// <summary>Kannel's <c>coding</c>: 0 for the GSM alphabet, 2 for UCS-2.</summary>
    public int KannelCoding => IsGsm7 ? 0 : 2;
}
