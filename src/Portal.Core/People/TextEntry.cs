namespace Portal.Core.People;

public sealed record TextEntry(string Purpose, string Status, DateTime CreatedUtc, DateTime? DeliveredUtc);
