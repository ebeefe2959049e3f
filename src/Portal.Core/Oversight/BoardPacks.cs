using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;

namespace Portal.Core.Oversight;

/// <summary>
/// The daily board pack: at <see cref="OversightOptions.BoardPackTime"/> (UK time) the figures for the 24 hours to then
/// and, as at then, for the whole response and each open incident since it began — a PDF with charts and a CSV of the
/// same numbers, kept in the database. One pack a day whichever node writes it (a unique day); a pack that fell due
/// while the portal was down is written at the next start, and says so. Downloads are audited.
/// </summary>
public sealed class BoardPacks(
    PortalDbContext db, OversightCounts counts, AuditLog audit, IOptions<OversightOptions> options, IOptions<PortalOptions> portal, TimeProvider clock, ILogger<BoardPacks> logger)
{
    /// <summary>A pack written this long after its time was made up after downtime, not written on time.</summary>
    public static readonly TimeSpan OnTime = TimeSpan.FromMinutes(15);

    /// <summary>The latest UK day whose pack has fallen due at <paramref name="utc"/>.</summary>
    public DateOnly LatestDue(DateTime utc)
    {
        var today = UkTime.DateOf(utc);
        return utc >= UkTime.At(today, options.Value.BoardPackTime) ? today : today.AddDays(-1);
    }

    /// <summary>Writes the latest pack due, unless it is written already (or packs are off): what the job and each start call.</summary>
    public async Task<BoardPack?> WriteDueAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.BoardPacks)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var day = LatestDue(now);
        if (await db.BoardPacks.AsNoTracking().AnyAsync(p => p.ForDate == day, cancellationToken))
        {
            return null;
        }

        var to = UkTime.At(day, options.Value.BoardPackTime);
        var from = to.AddHours(-24);
        var figures = await counts.CountAsync(cancellationToken);
        var lastDay = await counts.CountPeriodAsync(from, to, cancellationToken);
        var madeUp = now - to > OnTime;
        var pack = new BoardPack
        {
            ForDate = day,
            PeriodFromUtc = from,
            PeriodToUtc = to,
            CreatedUtc = now,
            MadeUp = madeUp,
            Pdf = BoardPackPdf.Render(day, from, to, now, madeUp, lastDay, figures, portal.Value),
            Csv = FiguresCsv.Write([.. lastDay.Select(t => ("The 24 hours to " + UkTime.Format(to, "HH:mm 'on' d MMMM yyyy"), t)),
                .. figures.Scopes.SelectMany(s => s.Tables.Select(t => (s.Title, t)))], figures.Scopes),
        };
        // One statement that leaves the day to whichever node writes it first: two nodes starting together both make
        // up a missed pack, and the second finds the day taken (a failed insert would be logged as an error by each).
        var t = TableMap.For<BoardPack>(db);
        await db.OpenIfClosedAsync(cancellationToken);
        await using var insert = db.CreateCommand(
            $"INSERT INTO {t.Name} ({t[nameof(BoardPack.ForDate)]}, {t[nameof(BoardPack.PeriodFromUtc)]}, {t[nameof(BoardPack.PeriodToUtc)]}, {t[nameof(BoardPack.CreatedUtc)]}, " +
            $"{t[nameof(BoardPack.MadeUp)]}, {t[nameof(BoardPack.Pdf)]}, {t[nameof(BoardPack.Csv)]}) VALUES (@day, @from, @to, @created, @madeUp, @pdf, @csv) " +
            $"ON CONFLICT ({t[nameof(BoardPack.ForDate)]}) DO NOTHING RETURNING {t[nameof(BoardPack.Id)]}");
        foreach (var (name, value) in new (string, object)[] { ("@day", pack.ForDate), ("@from", pack.PeriodFromUtc), ("@to", pack.PeriodToUtc), ("@created", pack.CreatedUtc), ("@madeUp", pack.MadeUp), ("@pdf", pack.Pdf), ("@csv", pack.Csv) })
        {
            insert.AddParameter(name).Value = value;
        }

        if (await insert.ExecuteScalarAsync(cancellationToken) is not { } id)
        {
            // Another node wrote the day's pack first.
            return null;
        }

        pack.Id = Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture);
        logger.LogInformation("Board pack {Day} written{MadeUp}", day, madeUp ? ", made up after the portal was down at its time" : "");
        return pack;
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.BoardPacks.CountAsync(cancellationToken);

    /// <summary>A page of the packs, newest first.</summary>
    public async Task<IReadOnlyList<BoardPackListing>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        await db.BoardPacks.AsNoTracking().OrderByDescending(p => p.ForDate).Skip(skip).Take(take)
            .Select(p => new BoardPackListing(p.Id, p.ForDate, p.PeriodFromUtc, p.PeriodToUtc, p.CreatedUtc, p.MadeUp, p.Pdf.Length, p.Csv.Length))
            .ToListAsync(cancellationToken);

    /// <summary>A pack's PDF or CSV, audited; null when there is no such pack.</summary>
    public async Task<(string FileName, string ContentType, byte[] Content)?> DownloadAsync(Actor actor, int id, bool pdf, CancellationToken cancellationToken = default)
    {
        var pack = await db.BoardPacks.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.ForDate, Content = pdf ? p.Pdf : p.Csv }).SingleOrDefaultAsync(cancellationToken);
        if (pack is null)
        {
            return null;
        }

        var name = $"board-pack-{pack.ForDate:yyyy-MM-dd}.{(pdf ? "pdf" : "csv")}";
        audit.Add(actor, AuditActions.BoardPackDownloaded, null, "board-pack/" + name);
        await db.SaveChangesAsync(cancellationToken);
        return (name, pdf ? "application/pdf" : "text/csv; charset=utf-8", pack.Content);
    }
}

public sealed record BoardPackListing(int Id, DateOnly ForDate, DateTime PeriodFromUtc, DateTime PeriodToUtc, DateTime CreatedUtc, bool MadeUp, int PdfBytes, int CsvBytes);
