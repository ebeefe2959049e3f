namespace Portal.Core.Validation;

/// <summary>One thing wrong with what someone entered, against the field it is about, saying what to do.</summary>
public sealed record FieldProblem(string Field, string Message)
{
    /// <summary>The field of a problem with the action as a whole rather than one answer: shown beside the button that asked for it.</summary>
    public const string Action = "";

    /// <summary>The field of a change refused because someone else changed the record first.</summary>
    public const string Conflict = "conflict";
}
