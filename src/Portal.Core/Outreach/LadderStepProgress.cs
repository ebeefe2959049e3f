using Portal.Core.Domain;

namespace Portal.Core.Outreach;

/// <summary>Where one step of a campaign's ladder has got to. For a text, <see cref="Delivered"/> and <see cref="NotDelivered"/> are the network's reports.</summary>
public sealed record LadderStepProgress(LadderStep Step, int Hours, int Due, int Done, int WaitingToRetry, int Failed, int Cancelled, int Delivered, int NotDelivered);
