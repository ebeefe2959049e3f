using Portal.Core.Imports;

namespace Portal.Core.Tests;

public sealed class ImportProgressTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"progress-{Guid.NewGuid():N}.csv");

    public ImportProgressTests() => File.WriteAllBytes(path, new byte[100_000]);

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Percent_QuickPassesTakeAFewPerCentAndTheRowsTheRestOfTheBar()
    {
        var progress = new ImportProgress();
        using var file = progress.Open(7, path, passes: 3);
        var buffer = new byte[10_000];

        Assert.Equal(0, progress.PercentOf(7));

        // The hash: the whole file, then back to the start.
        while (file.Read(buffer) > 0)
        {
        }

        file.Position = 0;
        Assert.Equal(2, progress.PercentOf(7));

        // A look at the head of the file is not a pass.
        file.ReadExactly(buffer.AsSpan(0, 4096));
        file.Position = 0;
        Assert.Equal(2, progress.PercentOf(7));

        // The UTF-8 check, then the rows: half of them read is about half the bar.
        while (file.Read(buffer) > 0)
        {
        }

        file.Position = 0;
        Assert.Equal(4, progress.PercentOf(7));
        for (var i = 0; i < 5; i++)
        {
            file.ReadExactly(buffer);
        }

        Assert.Equal(52, progress.PercentOf(7));

        // Never 100 while running: the job has still to record what it found.
        while (file.Read(buffer) > 0)
        {
        }

        Assert.Equal(99, progress.PercentOf(7));
        progress.Done(7);
        Assert.Null(progress.PercentOf(7));
    }
}
