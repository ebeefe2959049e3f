namespace Portal.Core.Domain;

/// <summary>
/// One step of a campaign's escalation ladder for one person: unique per campaign, person and step, so nobody gets the
/// same step twice. Written when the step falls due for someone who has not confirmed; worked by the ladder job.
/// </summary>
public sealed class Escalation
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int PersonId { get; set; }
    public LadderStep Step { get; set; }
    public EscalationStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? ClaimToken { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    public DateTime? NextAttemptUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? DoneUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>For a letter: the batch (one PDF) it was printed in.</summary>
    public int? LetterBatchId { get; set; }

    /// <summary>For a call: the welfare task made for it.</summary>
    public int? SupportRequestId { get; set; }
}
