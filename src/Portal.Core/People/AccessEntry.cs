namespace Portal.Core.People;

public sealed record AccessEntry(DateTime OccurredUtc, string Action, string? Target);
