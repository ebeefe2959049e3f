namespace Portal.Core.Validation;

/// <summary>
/// Someone else changed the record since the page that asked for this change was loaded (its version no longer
/// matches): nothing was saved. Its problem is against <see cref="FieldProblem.Conflict"/>, where a page says so above
/// the latest details.
/// </summary>
public sealed class ConflictException(string message) : RefusedException(FieldProblem.Conflict, message);
