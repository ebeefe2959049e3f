namespace Portal.Core.Validation;

/// <summary>
/// The one way the portal's services refuse a change: nothing was saved, and each <see cref="FieldProblem"/> says what
/// is wrong, against the field it is about (or <see cref="FieldProblem.Action"/>, the action as a whole), and what to
/// do. A page shows each at its place (<c>AddRefusal</c>) with what was entered kept.
/// </summary>
public class RefusedException(IReadOnlyList<FieldProblem> problems) : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public RefusedException(string field, string message)
        : this([new FieldProblem(field, message)])
    {
    }

    /// <summary>A refusal of the action as a whole.</summary>
    public RefusedException(string message)
        : this(FieldProblem.Action, message)
    {
    }

    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}
