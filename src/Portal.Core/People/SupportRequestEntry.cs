namespace Portal.Core.People;

public sealed record SupportRequestEntry(string Reference, string Type, string StatedUrgency, string Description, string ContactMethod, string? ContactPhone,
    bool ConsentToShare, string Status, string Priority, IReadOnlyList<string> PriorityReasons, DateTime CreatedUtc, DateTime UpdatedUtc,
    IReadOnlyList<MessageEntry> Messages);
