namespace Portal.Core.Texts;

/// <summary>One text to one number. <see cref="Id"/> is its <c>text_messages</c> row, which the delivery report names.</summary>
public sealed record SmsMessage(long Id, string To, string Text);
