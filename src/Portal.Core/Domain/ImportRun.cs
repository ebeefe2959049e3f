using Portal.Core.Imports;

namespace Portal.Core.Domain;

/// <summary>
/// One file uploaded to import: checked whole first, then — only when clean, and only when an administrator says so —
/// applied in one transaction. Kept as the history of imports: who, when, which file (its SHA-256) and what changed.
/// </summary>
public sealed class ImportRun
{
    public int Id { get; set; }
    public ImportKind Kind { get; set; }

    /// <summary>For a held-data manifest, the incident it is for.</summary>
    public int? IncidentId { get; set; }

    public required string FileName { get; set; }
    public string FileSha256 { get; set; } = "";
    public long SizeBytes { get; set; }
    public int? UploadedByPersonId { get; set; }
    public required string UploadedBySubject { get; set; }
    public DateTime UploadedUtc { get; set; }
    public ImportRunStatus Status { get; set; }

    public int Rows { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public int NewLeavers { get; set; }
    public int Removed { get; set; }
    public int Unmatched { get; set; }
    public int ProblemCount { get; set; }

    public int? AppliedByPersonId { get; set; }
    public string? AppliedBySubject { get; set; }
    public DateTime? AppliedUtc { get; set; }

    /// <summary>Why a check or an import could not finish (never the file's contents).</summary>
    public string? Failure { get; set; }
}
