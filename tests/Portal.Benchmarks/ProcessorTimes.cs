using System.Globalization;

/// <summary>
/// Processor time used so far by the processes a benchmark runs, from /proc: the portal nodes, PostgreSQL's server
/// processes, the SMTP server, and this process (which runs the MailKit loops). The difference of two readings over a
/// phase, divided by its messages, shows where a message's processor time goes on a machine whose cores they share.
/// </summary>
internal sealed record ProcessorTimes(IReadOnlyDictionary<string, TimeSpan> ByPart)
{
    private static readonly string[] Parts = ["nodes", "PostgreSQL", "SMTP server", "this process"];

    public static ProcessorTimes Take()
    {
        var ticksPerSecond = 100.0; // USER_HZ, 100 on Linux
        var byPart = Parts.ToDictionary(p => p, _ => TimeSpan.Zero);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                var part = id == Environment.ProcessId ? "this process"
                    : commandLine.Contains("Portal.Web.dll", StringComparison.Ordinal) ? "nodes"
                    : commandLine.Contains("smtp_sink", StringComparison.Ordinal) ? "SMTP server"
                    : stat.Contains("(postgres)", StringComparison.Ordinal) ? "PostgreSQL"
                    : null;
                if (part is null)
                {
                    continue;
                }

                // Fields after the command name: state is the first; utime and stime are the 12th and 13th, then cutime
                // and cstime, the time of children that have ended: PostgreSQL's server process counts there the
                // connections and autovacuum workers that ended meanwhile, whose own time is gone with them.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
                byPart[part] += TimeSpan.FromSeconds(ticks / ticksPerSecond);
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
        }

        return new ProcessorTimes(byPart);
    }

    public static ProcessorTimes operator -(ProcessorTimes after, ProcessorTimes before) =>
        new(Parts.ToDictionary(p => p, p => after.ByPart[p] - before.ByPart[p]));

    public string PerMessage(int messages) =>
        string.Join(", ", Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {ByPart[p].TotalMilliseconds / messages:F2}")));
}
