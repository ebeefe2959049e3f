namespace Portal.Core.People;

public sealed record MessageEntry(DateTime SentUtc, string From, string Body);
