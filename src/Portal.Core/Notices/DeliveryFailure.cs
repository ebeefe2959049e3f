using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>A recipient the relay would not take, for the failures list and its CSV.</summary>
public sealed record DeliveryFailure(string PayNumber, string Name, string Unit, string Email, DeliveryStatus Status, int Attempts, string? Reason, DateTime? NextAttemptUtc);
