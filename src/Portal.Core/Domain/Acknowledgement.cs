namespace Portal.Core.Domain;

/// <summary>A person confirming in the portal that they have read a notice.</summary>
public sealed class Acknowledgement
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int PersonId { get; set; }
    public DateTime AcknowledgedUtc { get; set; }
}
