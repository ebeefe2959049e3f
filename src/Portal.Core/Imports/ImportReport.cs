namespace Portal.Core.Imports;

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

    /// <summary>The first <see cref="MaxProblemsKept"/> problems by line, in line order (those of one line in the order found).</summary>
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

    /// <summary>
    /// Counts the problem and keeps it in line order among the first <see cref="MaxProblemsKept"/> by line. Problems
    /// mostly arrive in file order; a duplicate row is found only when its batch reaches the database (on PostgreSQL),
    /// after problems of later lines, and goes in before them — and, once the list is full, in place of the last.
    /// </summary>
    internal void AddProblem(int line, int column, string columnName, string message)
    {
        ProblemCount++;
        var at = problems.Count;
        while (at > 0 && problems[at - 1].Line > line)
        {
            at--;
        }

        if (problems.Count == MaxProblemsKept)
        {
            if (at == problems.Count)
            {
                return;
            }

            problems.RemoveAt(problems.Count - 1);
        }

        problems.Insert(at, new ImportProblem(line, column, columnName, message));
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
