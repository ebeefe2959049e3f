namespace Portal.Core.Imports;

/// <summary>A problem in an import file: where it is (line and column, both counted from 1) and what to do.</summary>
public sealed record ImportProblem(int Line, int Column, string ColumnName, string Message)
{
    public override string ToString() =>
        ColumnName.Length > 0 ? $"Line {Line}, column {Column} ({ColumnName}): {Message}" : $"Line {Line}, column {Column}: {Message}";
}
