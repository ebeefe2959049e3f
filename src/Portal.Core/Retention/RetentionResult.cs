namespace Portal.Core.Retention;

/// <summary>What one run removed.</summary>
public sealed record RetentionResult(int SupportRequests, int Deliveries, int Receipts = 0);
