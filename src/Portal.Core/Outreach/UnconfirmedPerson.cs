namespace Portal.Core.Outreach;

/// <summary>
/// Someone who has not confirmed: who they are and where to find them, never what was held about them.
/// <see cref="LastSentUtc"/> is when a notice in scope was last sent to them; null when none has been.
/// </summary>
public sealed record UnconfirmedPerson(string Name, string RankOrGrade, string PayNumber, string Unit, string WorkLocation, DateTime? LastSentUtc);
