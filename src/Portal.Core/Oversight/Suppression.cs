namespace Portal.Core.Oversight;

/// <summary>
/// Small-number suppression, as official statistics do it. Any count from 1 to 4 is shown as "fewer than 5" (primary
/// suppression). Then every sum the table shows — each row's parts against the row's own total column, and each column
/// against the total row — must hide none of its cells or at least two: where exactly one is hidden, the smallest other
/// cell of that sum (not zero, where there is one) is withheld too (secondary suppression, shown as "withheld", never as
/// "fewer than 5", which it is not), and so on until no hidden cell can be worked out by subtraction. Zero is shown: it
/// points at nobody.
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    /// <param name="rowSums">Sums within each row, as column indexes: the first is the total of the others (for example [0, 1, 2, 3] when column 0 = 1 + 2 + 3).</param>
    /// <param name="withTotal">Whether the table ends with a total row, each column the sum of the rows above it.</param>
    public static FigureTable Apply(string key, string title, string rowHeading, IReadOnlyList<string> columns, IReadOnlyList<(string Label, int[] Values)> rows,
        bool withTotal, IReadOnlyList<int[]>? rowSums = null)
    {
        var values = rows.Select(r => r.Values).ToList();
        if (values.Any(v => v.Length != columns.Count))
        {
            throw new ArgumentException("Every row needs a value for each column.", nameof(rows));
        }

        if (withTotal)
        {
            values.Add([.. Enumerable.Range(0, columns.Count).Select(c => values.Sum(v => v[c]))]);
        }

        var hidden = values.Select(v => v.Select(n => n is > 0 and < Threshold).ToArray()).ToList();

        // Every sum the reader sees, as the cells it adds up.
        var sums = new List<(int Row, int Column)[]>();
        for (var r = 0; r < values.Count; r++)
        {
            foreach (var sum in rowSums ?? [])
            {
                sums.Add([.. sum.Select(c => (r, c))]);
            }
        }

        if (withTotal)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                sums.Add([.. Enumerable.Range(0, values.Count).Select(r => (r, c))]);
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var sum in sums)
            {
                if (sum.Count(cell => hidden[cell.Row][cell.Column]) != 1)
                {
                    continue;
                }

                // The smallest other cell, preferring one that is not zero (hiding a zero hides little).
                var shown = sum.Where(cell => !hidden[cell.Row][cell.Column])
                    .OrderBy(cell => values[cell.Row][cell.Column] == 0 ? 1 : 0).ThenBy(cell => values[cell.Row][cell.Column]).ToList();
                if (shown.Count > 0)
                {
                    hidden[shown[0].Row][shown[0].Column] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        var safe = values.Select((v, r) => v.Select((n, c) => !hidden[r][c] ? n : n is > 0 and < Threshold ? (int?)null : FigureTable.Withheld).ToArray()).ToList();
        return new FigureTable(key, title, rowHeading, columns,
            [.. rows.Select((row, r) => new FigureRow(row.Label, safe[r]))],
            withTotal ? new FigureRow("Total", safe[^1]) : null);
    }
}
