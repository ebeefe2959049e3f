namespace Portal.Core.Notices;

/// <summary>The escalation ladder as an administrator typed it: hours for each step, or empty to leave it out.</summary>
public sealed record LadderDraft(string? Reminder, string? Text, string? Letter, string? Call);
