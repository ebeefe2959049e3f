using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Infrastructure.Security;

/// <summary>The <c>RateLimits</c> section: how often one person (or, before sign-in, one address) may do each thing.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in attempts from one client address a minute: the development sign-in's form, or Entra ID's callback.</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Support requests one person may send in an hour.</summary>
    [Range(1, 10_000)]
    public int SupportRequestsPerHour { get; set; } = 5;

    /// <summary>Messages, replies and internal notes one person may post in an hour.</summary>
    [Range(1, 10_000)]
    public int MessagesPerHour { get; set; } = 60;

    /// <summary>Downloads of exports (the audit trail, a campaign's failures, an import's report, "my data") one person may make in an hour.</summary>
    [Range(1, 10_000)]
    public int ExportsPerHour { get; set; } = 20;

    /// <summary>Statement checks at /verify a minute from one address.</summary>
    [Range(1, 100_000)]
    public int VerificationsPerMinute { get; set; } = 30;

    /// <summary>
    /// Refused attempts (another person's request, a page the role does not open) recorded in the audit trail for one
    /// person a minute. Every attempt is still refused; past this, the rest of the minute's are counted in the log only,
    /// so that nobody can fill the audit trail with text of their choosing.
    /// </summary>
    [Range(1, 10_000)]
    public int RefusalsRecordedPerMinute { get; set; } = 10;
}
