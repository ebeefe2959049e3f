namespace Portal.Core.Domain;

/// <summary>What a check found on one line: a problem to correct, or a manifest's pay number that matches no one.</summary>
public sealed class ImportFinding
{
    public long Id { get; set; }
    public int ImportRunId { get; set; }
    public ImportFindingKind Kind { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }
    public string ColumnName { get; set; } = "";
    public required string Message { get; set; }
}
