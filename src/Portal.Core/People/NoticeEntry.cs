namespace Portal.Core.People;

public sealed record NoticeEntry(string Subject, string Delivery, DateTime? SentUtc, DateTime? AcknowledgedUtc);
