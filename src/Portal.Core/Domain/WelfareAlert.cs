namespace Portal.Core.Domain;

/// <summary>
/// A warning to one member of the welfare team that a request's target is near, or its threat assessment is due for
/// review. One per person, request, kind and due time: a target is warned of once, and again only if it moves.
/// </summary>
public sealed class WelfareAlert
{
    public long Id { get; set; }
    public int PersonId { get; set; }
    public int SupportRequestId { get; set; }
    public WelfareAlertKind Kind { get; set; }

    /// <summary>The target warned of (for a review, the start of its UK day).</summary>
    public DateTime DueUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the e-mail that told them went to the relay; null until it has.</summary>
    public DateTime? EmailedUtc { get; set; }
}
