using System.Globalization;

namespace Portal.Core.Text;

/// <summary>
/// The culture every number and date the portal writes for people is formatted in (1,234; 24 November 2026), whatever
/// the server's own culture: <c>string.Create(UkEnglish.Culture, $"…")</c> for a message, <c>ToString(format, UkEnglish.Culture)</c>
/// for a value.
/// </summary>
public static class UkEnglish
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("en-GB");
}
