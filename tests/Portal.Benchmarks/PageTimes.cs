using System.Diagnostics;

/// <summary>
/// A page's server times, in-process through the whole pipeline: 30 warm-up requests, then <paramref name="samples"/>
/// sequential ones, each timed to its last byte.
/// </summary>
internal static class PageTimes
{
    public const int Samples = 300;

    public static async Task<List<double>> MeasureAsync(HttpClient client, string url, int samples = Samples)
    {
        for (var i = 0; i < 30; i++)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            _ = await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return times;
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }
}
