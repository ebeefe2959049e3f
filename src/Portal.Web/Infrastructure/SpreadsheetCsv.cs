using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A CSV download that is safe to open in a spreadsheet: a cell beginning with =, +, -, @ (or their full-width forms,
/// which spreadsheets also read as formulas), tab, carriage return, or an invisible character that could hide one of
/// those (zero-width and bidirectional controls) is written with a leading apostrophe, so it is shown as text and never
/// run as a formula. Rows are streamed to the response one at a time, and no browser or proxy keeps a copy.
/// </summary>
public static class SpreadsheetCsv
{
    private static readonly char[] FormulaStarts =
    [
        '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20',
        '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C',
        .. Portal.Core.Validation.BidiControls.Characters,
    ];

    public static async Task WriteAsync<T>(HttpResponse response, string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<T> rows, Action<CsvWriter, T> write, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, InjectionCharacters = FormulaStarts });
        foreach (var header in headers)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            write(csv, row);
            await csv.NextRecordAsync();
        }
    }
}
