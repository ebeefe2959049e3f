using System.ComponentModel.DataAnnotations;
using Portal.Core.DemoData;

namespace Portal.Web.Infrastructure;

/// <summary>The <c>Seed</c> section: the synthetic workforce for trying the portal on one machine.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    public bool Enabled { get; set; }

    [Range(1_000, 1_000_000)]
    public int Size { get; set; } = WorkforceGenerator.DefaultSize;

    /// <summary>How many synthetic support requests to put in the welfare queue.</summary>
    [Range(0, 100_000)]
    public int SupportRequests { get; set; } = 300;

    /// <summary>Where the generated CSV files are written, relative like the database path.</summary>
    public string Directory { get; set; } = "data/seed";
}
