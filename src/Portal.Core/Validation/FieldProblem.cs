namespace Portal.Core.Validation;

/// <summary>One thing wrong with what someone entered, against the field it is about, saying what to do.</summary>
public sealed record FieldProblem(string Field, string Message);
