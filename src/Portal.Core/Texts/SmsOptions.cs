using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Texts;

/// <summary>The <c>Texts</c> section: how text messages leave the portal.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Texts";

    /// <summary><see cref="SmsDelivery.Pickup"/> writes each text to <see cref="PickupDirectory"/>; <see cref="SmsDelivery.Kannel"/> sends through a Kannel gateway.</summary>
    public SmsDelivery Delivery { get; set; } = SmsDelivery.Pickup;

    [Required]
    public string PickupDirectory { get; set; } = "data/texts";

    /// <summary>Kannel's sendsms address, such as http://sms-gateway:13013/cgi-bin/sendsms.</summary>
    [Url]
    public string? KannelUrl { get; set; }

    /// <summary>The sendsms-user Kannel knows the portal as.</summary>
    public string? Username { get; set; }

    /// <summary>Its password: from a secret store, never from a file in the repository.</summary>
    public string? Password { get; set; }

    /// <summary>Who the text says it is from: up to 11 letters and digits, or a number.</summary>
    [Required]
    [RegularExpression("^([A-Za-z0-9 ]{1,11}|\\+?[0-9]{3,15})$", ErrorMessage = "Texts:Sender must be up to 11 letters, digits and spaces, or a phone number.")]
    public string Sender { get; set; } = "Northshire";

    /// <summary>The most texts a minute each node hands to the gateway; 0 for no limit.</summary>
    [Range(0, 1_000_000)]
    public int RateLimitPerMinute { get; set; }

    /// <summary>How long to wait for the gateway to answer one request.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
