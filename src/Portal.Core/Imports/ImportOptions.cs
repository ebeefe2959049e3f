using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Imports;

/// <summary>The <c>Imports</c> section: where uploaded files wait between their check and their import, and how large one may be.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>The folder for uploaded files (relative paths are under the portal's data folder). Each is deleted once imported or set aside.</summary>
    [Required]
    public string Directory { get; set; } = "data/imports";

    /// <summary>The largest file accepted. A 47,000-row personnel extract is about 6 MB.</summary>
    [Range(1, 1024)]
    public int MaxUploadMegabytes { get; set; } = 20;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
