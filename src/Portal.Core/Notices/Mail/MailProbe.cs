namespace Portal.Core.Notices.Mail;

/// <summary>Whether notices could be handed over now: the relay answers and accepts the portal's credentials, or the pickup folder can be written.</summary>
public static class MailProbe
{
    /// <summary>Throws with the reason when mail cannot be handed over.</summary>
    public static async Task CheckAsync(MailOptions options, CancellationToken cancellationToken)
    {
        if (options.Delivery == MailDelivery.Pickup)
        {
            var directory = Path.GetFullPath(options.PickupDirectory);
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [], cancellationToken);
            File.Delete(probe);
            return;
        }

        await using var connection = await SmtpConnection.OpenAsync(options, cancellationToken);
    }
}
