namespace Portal.Core.Notices;

/// <summary>One recipient of a batch, as the sender needs them: never more than the placeholders can show.</summary>
public sealed record NoticeRecipient(long DeliveryId, int PersonId, string GivenName, string Rank, string Email, int Attempts);
