namespace Portal.Core.People;

public sealed record ExposureEntry(string Incident, string Title, IReadOnlyList<string> Held, IReadOnlyList<string> NotHeld, DateTime UpdatedUtc);
