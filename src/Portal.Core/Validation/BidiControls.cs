namespace Portal.Core.Validation;

/// <summary>
/// The Unicode controls that override or isolate the direction of text (U+202A–U+202E, U+2066–U+2069). Typed into a
/// name, a message or a subject they make what one person reads differ from what was written ("Trojan Source"), so the
/// portal never shows them to anyone else: form input is stripped of them as it is bound, imports refuse them.
/// </summary>
public static class BidiControls
{
    /// <summary>Every one of the controls.</summary>
    public const string Characters = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    public static bool IsControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>The position of the first control in the text, or -1.</summary>
    public static int IndexIn(string text) => text.AsSpan().IndexOfAny(Controls);

    public static string Strip(string text) => IndexIn(text) < 0 ? text : string.Concat(text.Where(c => !IsControl(c)));

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(Characters);
}
