namespace Portal.Core.Domain;

/// <summary>
/// A mobile number a person registered themselves, for texts from the portal. Never imported; held encrypted with the
/// portal's data-protection keys. A number waiting for its code is held apart from the confirmed one, so changing
/// number keeps the old one working until the new one is confirmed.
/// </summary>
public sealed class MobileNumber
{
    public int PersonId { get; set; }

    /// <summary>The confirmed number, encrypted; null until one is confirmed.</summary>
    public string? NumberProtected { get; set; }

    /// <summary>Its last three digits, to show it masked without decrypting it.</summary>
    public string? Ending { get; set; }

    public DateTime? ConfirmedUtc { get; set; }

    /// <summary>The number waiting for its code, encrypted.</summary>
    public string? PendingProtected { get; set; }

    /// <summary>The code texted to it, encrypted; null once used, voided or never sent.</summary>
    public string? CodeProtected { get; set; }

    public DateTime? CodeExpiresUtc { get; set; }

    /// <summary>Wrong codes entered for the current code.</summary>
    public int CodeAttempts { get; set; }

    /// <summary>Codes sent since <see cref="CodesWindowStartUtc"/>; limited per hour.</summary>
    public int CodesSent { get; set; }

    public DateTime? CodesWindowStartUtc { get; set; }

    public int Version { get; set; }
}
