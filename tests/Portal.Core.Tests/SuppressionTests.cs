using Portal.Core.Oversight;

namespace Portal.Core.Tests;

/// <summary>Small-number suppression: no count of 1–4 is shown, and none can be worked out from what is shown.</summary>
public sealed class SuppressionTests
{
    private static readonly string[] Columns = ["Sent", "Delivered", "Failed"];

    [Fact]
    public void ACountOfThree_IsFewerThanFive_AndTheSmallestOtherCountInItsColumn_IsWithheld_NotCalledSmall()
    {
        var table = Suppression.Apply("t", "T", "Unit", Columns,
        [
            ("Marine Policing", [3, 3, 0]),
            ("Custody", [40, 31, 9]),
            ("Training", [52, 45, 7]),
        ], withTotal: true, [[0, 1, 2]]);

        Assert.Equal([null, null, 0], table.Rows[0].Values);
        // Custody's row is the smallest other in the columns Marine Policing's hidden cells sit in: withheld, as it is not small.
        Assert.Equal([FigureTable.Withheld, FigureTable.Withheld, 9], table.Rows[1].Values);
        Assert.Equal(["withheld", "withheld", "9"], table.Rows[1].Values.Select(FigureTable.Show));
        Assert.Equal([52, 45, 7], table.Rows[2].Values);
        Assert.Equal([95, 79, 16], table.Total!.Values);
        AssertNothingDerivable(table, [[0, 1, 2]]);
    }

    [Fact]
    public void Zero_IsShown_AndCountsOfFiveOrMore_AreShownAsTheyAre()
    {
        var table = Suppression.Apply("t", "T", "Day", ["Made"], [("Mon", [0]), ("Tue", [5]), ("Wed", [120])], withTotal: true);

        Assert.Equal(["0", "5", "120", "125"], [.. table.Rows.Append(table.Total!).Select(r => FigureTable.Show(r.Values[0]))]);
    }

    [Fact]
    public void ATotalOfFewerThanFive_IsHiddenWithItsParts()
    {
        var table = Suppression.Apply("t", "T", "Priority", ["Requests"], [("Critical", [2]), ("High", [0]), ("Low", [1])], withTotal: true);

        Assert.Null(table.Total!.Values[0]);
        Assert.Equal([null, 0, null], table.Rows.Select(r => r.Values[0]));
        Assert.Equal("fewer than 5", FigureTable.Show(table.Total.Values[0]));
    }

    [Fact]
    public void OnRandomTables_NoHiddenCountCanBeWorkedOutFromARowOrAColumn()
    {
        var random = new Random(20261207);
        for (var run = 0; run < 500; run++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 12)).Select(r =>
            {
                var delivered = random.Next(0, 3) == 0 ? random.Next(0, 6) : random.Next(0, 400);
                var failed = random.Next(0, 7);
                var waiting = random.Next(0, 2) == 0 ? 0 : random.Next(0, 9);
                var confirmed = random.Next(0, delivered + 1);
                return ($"Unit {r}", new[] { delivered + failed + waiting, delivered, failed, waiting, confirmed, delivered + failed + waiting - confirmed });
            }).ToList();
            int[][] sums = [[0, 1, 2, 3], [0, 4, 5]];

            var table = Suppression.Apply("t", "T", "Unit", ["Sent", "Delivered", "Failed", "Waiting", "Confirmed", "Not confirmed"], rows, withTotal: true, sums);

            var raw = rows.Select(r => r.Item2).Append([.. Enumerable.Range(0, 6).Select(c => rows.Sum(r => r.Item2[c]))]).ToList();
            foreach (var (row, values) in table.Rows.Append(table.Total!).Zip(raw))
            {
                for (var c = 0; c < values.Length; c++)
                {
                    // "fewer than 5" exactly where the count is 1 to 4; a withheld count never is; the rest as they are.
                    Assert.Equal(values[c] is > 0 and < 5 ? null : row.Values[c] == FigureTable.Withheld ? FigureTable.Withheld : values[c], row.Values[c]);
                }
            }

            AssertNothingDerivable(table, sums);
        }
    }

    /// <summary>Every sum shown (each row's, each column's against the total) hides none of its cells, or at least two.</summary>
    private static void AssertNothingDerivable(FigureTable table, int[][] rowSums)
    {
        var rows = table.Rows.Append(table.Total!).ToList();
        foreach (var row in rows)
        {
            foreach (var sum in rowSums)
            {
                Assert.NotEqual(1, sum.Count(c => !FigureTable.IsShown(row.Values[c])));
            }
        }

        for (var c = 0; c < table.Columns.Count; c++)
        {
            Assert.NotEqual(1, rows.Count(r => !FigureTable.IsShown(r.Values[c])));
        }
    }
}
