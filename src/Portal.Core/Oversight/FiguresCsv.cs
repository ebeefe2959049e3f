using System.Globalization;
using System.Text;
using CsvHelper;
using Portal.Core.Text;

namespace Portal.Core.Oversight;

/// <summary>
/// Oversight figures as one spreadsheet-safe CSV, a row per cell: scope, table, row, column, value — the value a number
/// or "fewer than 5" or "withheld", exactly as the page and the PDF show it.
/// </summary>
public static class FiguresCsv
{
    public static readonly string[] Headers = ["Scope", "Table", "Row", "Column", "Value"];

    public static byte[] Write(IEnumerable<(string Scope, FigureTable Table)> tables, IEnumerable<ScopeFigures> medians)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, SafeCsv.Configuration))
        {
            void Row(params string[] fields)
            {
                foreach (var field in fields)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }

            Row(Headers);
            foreach (var (scope, table) in tables)
            {
                foreach (var row in table.Total is { } total ? [.. table.Rows, total] : table.Rows)
                {
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        Row(scope, table.Title, row.Label, table.Columns[c], FigureTable.Plain(row.Values[c]));
                    }
                }
            }

            foreach (var scope in medians)
            {
                Row(scope.Title, "Median time, in hours", "To first contact", "Hours", Hours(scope.ToFirstContact));
                Row(scope.Title, "Median time, in hours", "To resolution", "Hours", Hours(scope.ToResolution));
            }
        }

        return memory.ToArray();
    }

    public static string Hours(Median median) =>
        median.Hours is { } hours ? hours.ToString("0.0", CultureInfo.InvariantCulture) : $"not given: {FigureTable.FewerThanFive} requests";
}
