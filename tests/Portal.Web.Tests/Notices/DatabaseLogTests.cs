using System.Diagnostics;
using System.Text.Json;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Notices;

/// <summary>SQLite's write-ahead log while a campaign is sent: near its checkpoint size, however many are sent.</summary>
[Trait("Category", "SqliteOnly")]
public sealed class DatabaseLogTests
{
    [Fact]
    public async Task ACampaign_KeepsTheWriteAheadLogNearItsCheckpointSize_WhileAndAfterSending_AndHealthDetailsShowIt()
    {
        const long megabyte = 1024 * 1024;
        await using var sink = await SmtpSink.StartAsync();
        // 6,000 messages write about 75 MB of log; the log must stay near 8 MB: past it by at most what is written while
        // the keeper looks again and checkpoints (it reached 11–16 MB when it looked every 250 ms, 8–9 MB at every 50 ms).
        await using var factory = NoticeHost.For(sink, ("Notices:BatchSize", "500"), ("Notices:Parallelism", "4"), ("Database:LogCheckpointMegabytes", "8"));
        await factory.Data.CreatePeopleAsync(6000);
        var log = Path.Combine(factory.DataDirectory, "portal.db-wal");

        var id = await factory.SendToEveryoneAsync();
        var watching = Stopwatch.StartNew();
        long largest = 0;
        CampaignProgress progress;
        while ((progress = await factory.ProgressAsync(id)).Status != CampaignStatus.Completed && watching.Elapsed < TimeSpan.FromSeconds(90))
        {
            largest = Math.Max(largest, File.Exists(log) ? new FileInfo(log).Length : 0);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(2 * 250, TestContext.Current.CancellationToken);
        var details = JsonDocument.Parse(await factory.AnonymousClient().GetStringAsync("/health/details", TestContext.Current.CancellationToken)).RootElement;
        var reported = details.GetProperty("checks").GetProperty("database-log");

        Assert.Equal((6000, 6000), (progress.Total, progress.Sent));
        Assert.True(largest <= 12 * megabyte, $"The log reached {largest / (double)megabyte:F1} MB while sending");
        Assert.True(new FileInfo(log).Length <= 8 * megabyte, $"The log is {new FileInfo(log).Length / (double)megabyte:F1} MB after sending");
        Assert.Equal("Healthy", reported.GetProperty("status").GetString());
        Assert.InRange(reported.GetProperty("writeAheadLogBytes").GetInt64(), 0, 8 * megabyte);
        Assert.Equal(8 * megabyte, reported.GetProperty("checkpointAtBytes").GetInt64());
    }
}
