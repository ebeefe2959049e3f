namespace Portal.Core.Notices;

/// <summary>A placeholder in a template that is not allowed, with where it is.</summary>
public sealed record TemplateProblem(int Line, int Column, string Message);
