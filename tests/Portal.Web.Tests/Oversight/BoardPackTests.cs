using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Portal.Web.Tests.Oversight;

/// <summary>The daily board pack: written at 07:00 UK time once a day, made up after downtime, downloaded with an audit record.</summary>
public sealed class BoardPackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static PortalFactory Portal(TestClock clock) => new() { AppClock = clock, Settings = { ["Oversight:BoardPacks"] = "true" } };

    private static async Task<int?> RunJobAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BoardPackJob>().RunAsync(Cancel);
    }

    private static async Task<List<BoardPack>> PacksAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BoardPacks.AsNoTracking().OrderBy(p => p.ForDate).ToListAsync(Cancel);
    }

    private static async Task<List<BoardPack>> WaitForPacksAsync(PortalFactory factory, int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200, Cancel))
        {
            if (await PacksAsync(factory) is { } packs && packs.Count >= count)
            {
                return packs;
            }
        }

        throw new TimeoutException($"Fewer than {count} board packs were written.");
    }

    [Fact]
    public async Task TheJob_WritesTheDaysPackAt0700UkTime_OnceADay_AndEachDownloadIsAudited()
    {
        // The portal starts at 06:59 on 1 July, British Summer Time (05:59 UTC): at its start it makes up 30 June's pack.
        var clock = new TestClock();
        clock.Set(new DateTimeOffset(2026, 7, 1, 5, 59, 0, TimeSpan.Zero));
        await using var factory = Portal(clock);
        Assert.Equal(new DateOnly(2026, 6, 30), Assert.Single(await WaitForPacksAsync(factory, 1)).ForDate);
        var people = await factory.Data.CreatePeopleAsync(7);
        var few = await factory.Data.CreatePeopleAsync(3, (p, _) => p.Unit = "Marine Policing");
        await factory.Data.SendNoticeAsync([.. people, .. few], "The card supplier breach");

        // 07:00:30 BST.
        clock.Set(new DateTimeOffset(2026, 7, 1, 6, 0, 30, TimeSpan.Zero));
        Assert.NotNull(await RunJobAsync(factory));
        Assert.Null(await RunJobAsync(factory));
        var first = (await PacksAsync(factory)).Single(p => p.ForDate == new DateOnly(2026, 7, 1));
        Assert.Equal(new DateOnly(2026, 7, 1), first.ForDate);
        Assert.False(first.MadeUp);
        Assert.Equal(new DateTime(2026, 7, 1, 6, 0, 0, DateTimeKind.Utc), first.PeriodToUtc);
        Assert.Equal(new DateTime(2026, 6, 30, 6, 0, 0, DateTimeKind.Utc), first.PeriodFromUtc);

        // 06:59 the next day, the day's pack is not yet due; at 07:00 it is.
        clock.Set(new DateTimeOffset(2026, 7, 2, 5, 59, 0, TimeSpan.Zero));
        Assert.Null(await RunJobAsync(factory));
        clock.Set(new DateTimeOffset(2026, 7, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.NotNull(await RunJobAsync(factory));
        Assert.Equal([new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2)], (await PacksAsync(factory)).Select(p => p.ForDate));

        // Back to today to sign in: a real sign-in's tokens carry the real time.
        clock.Set(DateTimeOffset.UtcNow);
        var client = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Oversight);
        var list = await Html.ReadAsync(await client.GetAsync("/oversight/packs", Cancel));
        Assert.Equal(["Thursday 2 July 2026", "Wednesday 1 July 2026", "Tuesday 30 June 2026"], list.Section("packs").Texts("tbody th"));

        var pdf = await client.GetAsync($"/oversight/packs?handler=Pdf&id={first.Id}", Cancel);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Cancel)))
        {
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("board pack for Wednesday 1 July 2026", text, StringComparison.Ordinal);
            Assert.Contains("The 24 hours from 07:00 on 30 June to 07:00 on 1 July 2026", text, StringComparison.Ordinal);
            Assert.Contains("The whole response", text, StringComparison.Ordinal);
            Assert.Contains("Notices, by unit", text, StringComparison.Ordinal);
        }

        var csv = await client.GetAsync($"/oversight/packs?handler=Csv&id={first.Id}", Cancel);
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Scope,Table,Row,Column,Value", lines[0].TrimStart('\uFEFF'));
        Assert.Contains("The whole response,\"Notices, by campaign\",Total,Sent,10", lines);
        // The unit of three is "fewer than 5" in the pack too, and the unit beside it is withheld so it cannot be worked out.
        Assert.Contains("The whole response,\"Notices, by unit\",Marine Policing,Sent,fewer than 5", lines);
        Assert.Contains("The whole response,\"Notices, by unit\",Emergency Response,Sent,withheld", lines);
        Assert.Contains("The whole response,\"Notices, by unit\",Total,Sent,10", lines);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/oversight/packs?handler=Csv&id=987654", Cancel)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.BoardPackDownloaded).OrderBy(e => e.Id).Select(e => e.Target).ToListAsync(Cancel);
        Assert.Equal(["board-pack/board-pack-2026-07-01.pdf", "board-pack/board-pack-2026-07-01.csv"], audited);
    }

    [Fact]
    public async Task APackThatFellDueWhileThePortalWasDown_IsMadeUpAtTheNextStart_AndSaysSo()
    {
        // The portal starts at 09:30 on 3 December (GMT): the 07:00 pack was missed.
        var clock = new TestClock();
        clock.Set(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero));
        await using var factory = Portal(clock);

        var pack = Assert.Single(await WaitForPacksAsync(factory, 1));

        Assert.Equal(new DateOnly(2026, 12, 3), pack.ForDate);
        Assert.True(pack.MadeUp);
        Assert.Equal(new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc), pack.PeriodToUtc);
        using var document = PdfDocument.Open(pack.Pdf);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("made up at the portal's next start: it was not running at 07:00", text, StringComparison.Ordinal);
        // The next start finds it written.
        Assert.Null(await RunJobAsync(factory));
    }

    [Fact]
    public async Task TwoNodesWritingTheSameDaysPackAtOnce_WriteOne_AndNeitherLogsAnError()
    {
        var clock = new TestClock();
        clock.Set(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero));
        var logs = new LogCapture();
        await using var factory = new PortalFactory { AppClock = clock, Logs = logs, Settings = { ["Oversight:BoardPacks"] = "true" } };
        await WaitForPacksAsync(factory, 1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BoardPacks.ExecuteDeleteAsync(Cancel);
        }

        // Both made up after the same downtime, as two nodes starting together do.
        var written = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunJobAsync(factory), Cancel)));

        var pack = Assert.Single(await PacksAsync(factory));
        Assert.Equal(pack.Id, Assert.Single(written, id => id is not null));
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

}
