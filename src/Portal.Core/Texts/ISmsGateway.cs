namespace Portal.Core.Texts;

/// <summary>Hands a text to whatever sends it: Kannel, or the pickup folder.</summary>
public interface ISmsGateway
{
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
