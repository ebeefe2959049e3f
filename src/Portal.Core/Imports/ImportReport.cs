namespace Portal.Core.Imports;

/// <summary>A problem in an import file: where it is (line and column, both counted from 1) and what to do.</summary>
public sealed record ImportProblem(int Line, int Column, string ColumnName, string Message)
{
    public override string ToString() =>
        ColumnName.Length > 0 ? $"Line {Line}, column {Column} ({ColumnName}): {Message}" : $"Line {Line}, column {Column}: {Message}";
}

/// <summary>A manifest row whose pay number matches no person. Listed, not fatal.</summary>
public sealed record UnmatchedRow(int Line, string PayNumber);

public enum ImportKind
{
    Personnel,
    Manifest,
}

/// <summary>What an import found in a file and, when the file was clean, what it changed.</summary>
public sealed class ImportReport(ImportKind kind)
{
    /// <summary>Problems (and unmatched rows) beyond this many are counted but not kept, so a wrong file cannot exhaust memory.</summary>
    public const int MaxProblemsKept = 10_000;

    private readonly List<ImportProblem> problems = [];
    private readonly List<UnmatchedRow> unmatched = [];

    public ImportKind Kind { get; } = kind;

    /// <summary>SHA-256 of the file's bytes, hex, lower case.</summary>
    public string FileSha256 { get; internal set; } = "";

    public int Rows { get; internal set; }
    public int Added { get; internal set; }
    public int Changed { get; internal set; }
    public int Unchanged { get; internal set; }

    /// <summary>People active before this file and marked as leavers by it.</summary>
    public int NewLeavers { get; internal set; }

    /// <summary>Exposure rows for the incident that this manifest no longer lists, and so were removed.</summary>
    public int Removed { get; internal set; }

    public IReadOnlyList<ImportProblem> Problems => problems;
    public int ProblemCount { get; private set; }
    /// <summary>The first <see cref="MaxProblemsKept"/> unmatched rows, in file order.</summary>
    public IReadOnlyList<UnmatchedRow> Unmatched => unmatched;

    /// <summary>Every unmatched row, including those beyond the ones kept.</summary>
    public int UnmatchedCount { get; private set; }

    public bool IsClean => ProblemCount == 0;

    /// <summary>True once the changes are committed; false for a check, or for a file with problems.</summary>
    public bool Applied { get; internal set; }

    public bool HasChanges => Added + Changed + Removed > 0;

    internal void AddProblem(int line, int column, string columnName, string message)
    {
        ProblemCount++;
        if (problems.Count < MaxProblemsKept)
        {
            problems.Add(new ImportProblem(line, column, columnName, message));
        }
    }

    /// <summary>
    /// Puts the kept problems in line order (a problem found when a batch of rows reached the database can follow
    /// those of later lines). Past <see cref="MaxProblemsKept"/>, the ones kept are the first found.
    /// </summary>
    internal void PutProblemsInLineOrder()
    {
        var ordered = problems.OrderBy(p => p.Line).ToList();
        problems.Clear();
        problems.AddRange(ordered);
    }

    internal void AddUnmatched(int line, string payNumber)
    {
        UnmatchedCount++;
        if (unmatched.Count < MaxProblemsKept)
        {
            unmatched.Add(new UnmatchedRow(line, payNumber));
        }
    }
}
