namespace Portal.Core.Oversight;

/// <summary>The oversight figures as at one moment: the whole response, then each open incident since it began.</summary>
public sealed record OversightFigures(DateTime TakenUtc, IReadOnlyList<ScopeFigures> Scopes)
{
    public ScopeFigures? Find(string? key) => Scopes.FirstOrDefault(s => s.Key == key);
}

/// <summary>
/// The figures for one scope. Every count is in a <see cref="FigureTable"/>, suppressed; the headline numbers are
/// those tables' totals, so they hide whatever the tables hide.
/// </summary>
public sealed record ScopeFigures(string Key, string Title, DateTime? SinceUtc, int? People, IReadOnlyList<FigureTable> Tables, Median ToFirstContact, Median ToResolution)
{
    public FigureTable Table(string key) => Tables.Single(t => t.Key == key);

    /// <summary>The table, or null in a snapshot counted before the portal kept it (until the next count, minutes away).</summary>
    public FigureTable? FindTable(string key) => Tables.FirstOrDefault(t => t.Key == key);
}

/// <summary>A median time in hours, over <see cref="Requests"/> requests; not given (null) over fewer than five.</summary>
public sealed record Median(double? Hours, int Requests);
