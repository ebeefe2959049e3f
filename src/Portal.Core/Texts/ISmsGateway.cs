namespace Portal.Core.Texts;

/// <summary>Hands a text to whatever sends it: Kannel, or the pickup folder.</summary>
public interface ISmsGateway
{
    /// <summary>
    /// Hands the text over. <paramref name="cancellationToken"/> is honoured before the handover starts, never part
    /// way: the gateway may already hold the text when its sender is told to stop (a node stopping, or Hangfire
    /// aborting a job), and a text it holds but its sender never recorded would be sent again by whoever takes the work
    /// up. A gateway that does not answer is bounded by its own timeout.
    /// </summary>
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
