namespace Portal.Core.Imports;

/// <summary>Thrown when an import is given a stream it cannot read twice (it must be checked whole before writing).</summary>
public sealed class ImportFileException(string message) : Exception(message);
