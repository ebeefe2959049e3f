using MimeKit;

namespace Portal.Core.Notices.Mail;

/// <summary>
/// The embedded default without a relay: each message written as a .eml file named after its delivery, so a
/// message sent twice replaces its file instead of adding another. Written to a temporary name and moved, so a
/// reader never sees half a message.
/// </summary>
internal sealed class PickupConnection(string directory) : IMailConnection
{
    public bool IsUsable => true;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(directory, name + ".eml");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            // Not cancelled part way (see IMailConnection.SendAsync).
            await message.WriteToAsync(file, CancellationToken.None);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
