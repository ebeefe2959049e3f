namespace Portal.Core.Texts;

/// <summary>What the gateway said, in its own words for <see cref="Detail"/> (never the number or the text).</summary>
public sealed record SmsSendResult(SmsOutcome Outcome, string Detail);
