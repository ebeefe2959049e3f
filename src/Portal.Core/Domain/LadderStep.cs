namespace Portal.Core.Domain;

/// <summary>The escalation ladder's steps, in the order they come.</summary>
public enum LadderStep
{
    /// <summary>A reminder e-mail.</summary>
    Reminder,

    /// <summary>A text to those who registered a mobile.</summary>
    Text,

    /// <summary>A letter to their work location, by internal post.</summary>
    Letter,

    /// <summary>A call from the welfare team: a task per person, worked like a support request.</summary>
    Call,
}
