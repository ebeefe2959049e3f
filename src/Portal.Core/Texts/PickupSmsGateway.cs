using System.Globalization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Texts;

/// <summary>
/// The embedded default with no gateway: each text written to the pickup folder as text-{id}.txt (the number, a blank
/// line, the text), written whole under a temporary name and moved, so a reader never sees half of one.
/// </summary>
public sealed class PickupSmsGateway(IOptions<SmsOptions> options) : ISmsGateway
{
    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var directory = options.Value.PickupDirectory;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"text-{message.Id}.txt"));
        await File.WriteAllTextAsync(path + ".tmp", $"To: {message.To}\nFrom: {options.Value.Sender}\n\n{message.Text}\n", cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
        return new SmsSendResult(SmsOutcome.Accepted, "Written to the pickup folder");
    }
}
