namespace Portal.Core.Imports;

/// <summary>A manifest row whose pay number matches no person. Listed, not fatal.</summary>
public sealed record UnmatchedRow(int Line, string PayNumber);
