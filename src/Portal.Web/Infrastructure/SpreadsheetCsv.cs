using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A CSV download that is safe to open in a spreadsheet: a cell beginning with =, +, -, @, tab or carriage return
/// is written with a leading apostrophe, so it is shown as text and never run as a formula. Rows are streamed to
/// the response one at a time.
/// </summary>
public static class SpreadsheetCsv
{
    public static async Task WriteAsync<T>(HttpResponse response, string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<T> rows, Action<CsvWriter, T> write, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
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
