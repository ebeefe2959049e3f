using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portal.Testing;

/// <summary>
/// The portal as a real process (the built Portal.Web.dll), configured through its environment like a deployed node,
/// listening on a loopback port of its own. Its output is kept for the message when a test or benchmark fails. Used by
/// the restart and two-node tests and by the load benchmark.
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    /// <summary>The process's peak resident memory so far (<c>VmHWM</c> in /proc: runtime, managed heap and native memory), in bytes.</summary>
    public long PeakResidentBytes =>
        File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024).Single();

    public static PortalProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var node = new PortalProcess(Process.Start(start)!);
        node.process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        node.process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The address it listens on, once it has started (within 90 s unless told otherwise: seeding takes longer).</summary>
    public async Task<Uri> AddressAsync(TimeSpan? within = null)
    {
        var finished = await Task.WhenAny(address.Task, process.WaitForExitAsync(), Task.Delay(within ?? TimeSpan.FromSeconds(90)));
        return finished == address.Task
            ? await address.Task
            : throw new InvalidOperationException($"The portal did not start listening. Its last output:\n{LastOutput}");
    }

    public string LastOutput => string.Join('\n', output.TakeLast(40));

    /// <summary>The lines it has written that are still kept (the last 200) and match <paramref name="wanted"/>.</summary>
    public IReadOnlyList<string> KeptLines(Func<string, bool> wanted) => [.. output.Where(wanted)];

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
