using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>A text of a campaign that did not get through, or has not yet: who (never the number) and why, in the gateway's or network's words.</summary>
public sealed record TextFailure(string PayNumber, string Name, string Unit, TextMessageStatus Status, int Attempts, string? Reason);
