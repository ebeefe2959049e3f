using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portal.Testing;

/// <summary>
/// A real Kannel gateway on loopback (tests/kannel/kannel.sh: Debian's bearerbox and smsbox, with kannel-extras' fake
/// SMS centre as the mobile network). <see cref="Received"/> reads what reached the "network" from fakesmsc's log.
/// </summary>
public sealed partial class SmsCentre : IAsyncDisposable
{
    public const string Username = "portal", Password = "portal-test-only";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "kannel-" + Guid.NewGuid().ToString("N")[..12]);

    private SmsCentre()
    {
    }

    /// <summary>Kannel's sendsms address.</summary>
    public string SendSmsUrl { get; private set; } = string.Empty;

    public static async Task<SmsCentre> StartAsync()
    {
        var centre = new SmsCentre();
        centre.SendSmsUrl = (await RunAsync("start", centre.directory)).Trim();
        return centre;
    }

    /// <summary>Every text the fake centre has received: sender, number and text (UCS-2 texts decoded).</summary>
    public IReadOnlyList<(string From, string To, string Text)> Received()
    {
        var log = Path.Combine(directory, "fakesmsc.log");
        if (!File.Exists(log))
        {
            return [];
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. GotMessage().Matches(reader.ReadToEnd()).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value,
            m.Groups["type"].Value == "ucs-2" ? System.Text.Encoding.BigEndianUnicode.GetString(System.Web.HttpUtility.UrlDecodeToBytes(m.Groups["text"].Value)) : m.Groups["text"].Value))];
    }

    /// <summary>Waits (up to 30 s) until <paramref name="count"/> texts have arrived, and returns them.</summary>
    public async Task<IReadOnlyList<(string From, string To, string Text)>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Received() is var received && received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The fake SMS centre received {received.Count} texts, not {count}.");
            }

            await Task.Delay(100);
        }

        return Received();
    }

    /// <summary>Stops the gateway's sendsms side: connections to <see cref="SendSmsUrl"/> are refused until <see cref="UpAsync"/>.</summary>
    public Task DownAsync() => RunAsync("down", directory);

    public Task UpAsync() => RunAsync("up", directory);

    /// <summary>
    /// Stops the gateway's core where it is: a sendsms request is taken and not answered until <see cref="ResumeAsync"/>,
    /// as a gateway that is slow to confirm a text it already holds.
    /// </summary>
    public Task PauseAsync() => RunAsync("pause", directory);

    public Task ResumeAsync() => RunAsync("resume", directory);

    public async ValueTask DisposeAsync() => await RunAsync("stop", directory);

    private static async Task<string> RunAsync(string command, string directory)
    {
        var script = ScriptPath;
        using var process = Process.Start(new ProcessStartInfo("/bin/bash", [script, command, directory]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/kannel/kannel.sh {command} failed: {await error}");
        }

        return await output;
    }

    private static string ScriptPath
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "tests", "kannel", "kannel.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("tests/kannel/kannel.sh was not found above " + AppContext.BaseDirectory);
        }
    }

    [GeneratedRegex(@"Got message \d+: <(?<from>\S+) (?<to>\S+) (?<type>text|ucs-2) (?<text>[^>]*)>")]
    private static partial Regex GotMessage();
}
