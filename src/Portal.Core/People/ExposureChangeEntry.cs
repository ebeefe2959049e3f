namespace Portal.Core.People;

/// <summary>A change an import made to what an incident is recorded as holding about the person.</summary>
public sealed record ExposureChangeEntry(string Incident, DateTime ChangedUtc, IReadOnlyList<string> FieldsAdded, IReadOnlyList<string> FieldsRemoved, int? ImportRunId);
