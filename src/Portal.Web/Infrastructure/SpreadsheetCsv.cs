using CsvHelper;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A CSV download that is safe to open in a spreadsheet (<see cref="Portal.Core.Text.SafeCsv"/>: a cell that a
/// spreadsheet would run as a formula is written as text). Rows are streamed to the response one at a time, and no
/// browser or proxy keeps a copy.
/// </summary>
public static class SpreadsheetCsv
{
    public static async Task WriteAsync<T>(HttpResponse response, string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<T> rows, Action<CsvWriter, T> write, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, Portal.Core.Text.SafeCsv.Configuration);
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
