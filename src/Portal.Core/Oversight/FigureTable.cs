namespace Portal.Core.Oversight;

/// <summary>
/// A table of counts as oversight may see it, already made safe by <see cref="Suppression"/>: every cell a number, or
/// null (a count of 1 to 4: "fewer than 5"), or <see cref="Withheld"/> (a larger count, or zero, not shown so that one of
/// fewer than 5 cannot be worked out from a total). The page, the CSV and the board pack all draw from these, so none can show more.
/// </summary>
public sealed record FigureTable(string Key, string Title, string RowHeading, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows, FigureRow? Total)
{
    /// <summary>What a suppressed cell says, wherever it is shown.</summary>
    public const string FewerThanFive = "fewer than 5";

    /// <summary>What a withheld cell says: it is not small, but would give a small one away.</summary>
    public const string WithheldText = "withheld";

    /// <summary>The value of a cell withheld so that a count of fewer than 5 cannot be worked out (secondary suppression).</summary>
    public const int Withheld = -1;

    public static bool IsShown(int? value) => value is >= 0;

    public static string Show(int? value) => value switch
    {
        null => FewerThanFive,
        Withheld => WithheldText,
        var n => n.Value.ToString("N0", Text.UkEnglish.Culture),
    };

    /// <summary>A cell as a CSV or a chart reads it: digits only, or the words.</summary>
    public static string Plain(int? value) => IsShown(value) ? value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Show(value);

    /// <summary>The total of a column (null, or <see cref="Withheld"/>, when it is not shown), or null when the table has no total.</summary>
    public int? TotalOf(string column) => Total?.Values[Columns.ToList().IndexOf(column)];
}

/// <summary>One row of a <see cref="FigureTable"/>: a label and a value (or null: fewer than 5) for each column.</summary>
public sealed record FigureRow(string Label, IReadOnlyList<int?> Values);
