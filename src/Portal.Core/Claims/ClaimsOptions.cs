using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Claims;

/// <summary>The <c>Claims</c> section: where receipts are kept, and for how long.</summary>
public sealed class ClaimsOptions
{
    public const string SectionName = "Claims";

    /// <summary>
    /// The folder receipts are kept in (relative paths are under the portal's data folder): never under the web root,
    /// and with several nodes a folder every node shares.
    /// </summary>
    [Required]
    public string ReceiptDirectory { get; set; } = "data/receipts";

    /// <summary>How long a receipt is kept after its claim is paid, refused or withdrawn (at least a day).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepReceiptsFor { get; set; } = TimeSpan.FromDays(2190);
}
