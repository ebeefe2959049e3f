using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Notices.Mail;

/// <summary>The <c>Mail</c> section: where notices go. Credentials belong in user secrets or the environment, never in the repository.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary><see cref="MailDelivery.Pickup"/> writes each message as a .eml file; <see cref="MailDelivery.Smtp"/> sends through a relay.</summary>
    public MailDelivery Delivery { get; set; } = MailDelivery.Pickup;

    /// <summary>For pickup: the folder, relative to the repository root (or the content root when published).</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "exposure-portal@northshire.police.example";

    public string FromName { get; set; } = "Exposure Portal";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
