namespace Portal.Core.Domain;

/// <summary>
/// One text to one person: what it was for and where it has got to. Neither the number nor the text is kept here; the
/// number is the person's <see cref="MobileNumber"/> when it is sent.
/// </summary>
public sealed class TextMessage
{
    public long Id { get; set; }
    public int PersonId { get; set; }
    public TextPurpose Purpose { get; set; }

    /// <summary>For a notice's text: the campaign (unique with the person, so nobody gets the same step twice).</summary>
    public int? CampaignId { get; set; }

    public TextMessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public int Parts { get; set; }
    public string? ClaimToken { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    public DateTime? NextAttemptUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? AcceptedUtc { get; set; }
    public DateTime? DeliveredUtc { get; set; }

    /// <summary>The gateway's or the network's reason, in its words, for a failure.</summary>
    public string? LastError { get; set; }
}
