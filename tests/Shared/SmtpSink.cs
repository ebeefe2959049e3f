using System.Diagnostics;

namespace Portal.Testing;

/// <summary>
/// A real SMTP server on loopback (tests/smtp/smtp_sink.py, on Debian's python3 and aiosmtpd) that records the
/// recipient and Message-ID of every message it accepts. It can be stopped and started again on the same port to
/// play a relay that goes away, and told to refuse some addresses for good (550) or for now (450), or to take two
/// seconds to answer a message it has already recorded (a relay slow to say it has a message).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string directory = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
    private readonly string? reject;
    private readonly string? defer;
    private readonly string? slow;
    private Process? process;

    private SmtpSink(string? reject, string? defer, string? slow)
    {
        this.reject = reject;
        this.defer = defer;
        this.slow = slow;
    }

    public int Port { get; private set; }

    public string LogPath => Path.Combine(directory, "received.tsv");

    /// <summary>The processor time the server has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process?.Refresh();
            return process?.TotalProcessorTime ?? TimeSpan.Zero;
        }
    }

    public static async Task<SmtpSink> StartAsync(string? reject = null, string? defer = null, string? slow = null)
    {
        var sink = new SmtpSink(reject, defer, slow);
        await sink.StartProcessAsync(0);
        return sink;
    }

    /// <summary>The script, found from the repository root above the test's bin folder.</summary>
    public static string ScriptPath
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "tests", "smtp", "smtp_sink.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("tests/smtp/smtp_sink.py was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Stops the server, as a relay that goes down; connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public Task StartAgainAsync() => StartProcessAsync(Port);

    /// <summary>What has arrived so far: one entry per message, recipient and Message-ID.</summary>
    public IReadOnlyList<(string Recipient, string MessageId)> Received()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 2)
            {
                lines.Add((parts[0], parts[1]));
            }
        }

        return lines;
    }

    private async Task StartProcessAsync(int port)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: the mail tests need Debian's python3 with python3-aiosmtpd (./test.sh installs them).");
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ScriptPath, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log", LogPath })
        {
            start.ArgumentList.Add(argument);
        }

        if (reject is not null)
        {
            start.ArgumentList.Add("--reject");
            start.ArgumentList.Add(reject);
        }

        if (defer is not null)
        {
            start.ArgumentList.Add("--defer");
            start.ArgumentList.Add(defer);
        }

        if (slow is not null)
        {
            start.ArgumentList.Add("--slow");
            start.ArgumentList.Add(slow);
        }

        process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The SMTP sink did not start: {line} {error}");
        }

        Port = int.Parse(line["ready ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
