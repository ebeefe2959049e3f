using System.ComponentModel.DataAnnotations;

namespace Portal.Core;

/// <summary>What the portal says about the organisation running it. Bound from the <c>Portal</c> section.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    [Required]
    public string OrganisationName { get; set; } = "Northshire Police";

    [Required]
    public string ServiceName { get; set; } = "Exposure Portal";

    /// <summary>Who a person with no personnel record should contact.</summary>
    [Required]
    public string RecordsContact { get; set; } = "HR Services on extension 4000, or hr.records@northshire.police.example";

    /// <summary>How to reach the welfare team, shown under "what to do next".</summary>
    [Required]
    public string WelfareContact { get; set; } = "the welfare team on extension 4100, or welfare@northshire.police.example";

    /// <summary>Who to tell about an accessibility problem, or ask for another format; shown on the accessibility statement.</summary>
    [Required]
    public string AccessibilityContact { get; set; } = "the IT Service Desk on extension 4200, or accessibility@northshire.police.example";

    /// <summary>The data protection officer's name and contact details, as the regulator's report gives them (Art. 33(3)(b)).</summary>
    [Required]
    public string DataProtectionOfficer { get; set; } = "The Data Protection Officer, Information Rights Unit, on extension 4300, or dpo@northshire.police.example";
}
