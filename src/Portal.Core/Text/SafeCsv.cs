using System.Globalization;
using CsvHelper.Configuration;

namespace Portal.Core.Text;

/// <summary>
/// CSV that is safe to open in a spreadsheet: a cell beginning with =, +, -, @ (or their full-width forms, which
/// spreadsheets also read as formulas), tab, carriage return, or an invisible character that could hide one of those
/// (zero-width and bidirectional controls) is written with a leading apostrophe, so it is shown as text and never run.
/// </summary>
public static class SafeCsv
{
    private static readonly char[] FormulaStarts =
    [
        '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20',
        '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C',
        .. Validation.BidiControls.Characters,
    ];

    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, InjectionCharacters = FormulaStarts };
}
