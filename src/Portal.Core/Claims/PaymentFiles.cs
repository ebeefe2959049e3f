using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Claims;

/// <summary>
/// Pays approved claims exactly once. An export takes every approved claim that is in no file yet, in one transaction
/// that makes the file's row, marks each claim with it (an update that skips a claim another export took first), and
/// keeps the CSV's bytes: two exports at once share the claims between them, a process that dies half way leaves
/// nothing taken, and downloading a file again gives the same bytes, never new payments.
/// </summary>
public sealed class PaymentFiles(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string Header = "pay_number,amount,scheme_code,claim_reference";
    public const string ConflictMessage = "Someone changed this payment file after you opened it. Nothing was saved: look at it again.";

    /// <summary>Exports every approved claim not yet in a file; null when there is none.</summary>
    public async Task<PaymentFile?> ExportAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var file = new PaymentFile { CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedByPersonId = actor.PersonId, Sha256 = "", Version = 1 };
        db.PaymentFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);

        // The claims this export takes. On PostgreSQL a claim another export is taking waits for it, then is
        // looked at again and skipped; on SQLite one writer at a time does the same.
        var taken = await db.ProtectionClaims
            .Where(c => (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.PartlyApproved) && c.PaymentFileId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PaymentFileId, file.Id).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (taken == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }

        var rows = await db.ProtectionClaims.AsNoTracking().Where(c => c.PaymentFileId == file.Id).OrderBy(c => c.Id)
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c.Id, c.SchemeId, c.ApprovedPence, p.PayNumber })
            .Join(db.ProtectionSchemes, x => x.SchemeId, s => s.Id, (x, s) => new PaymentRow(x.PayNumber, x.ApprovedPence!.Value, s.Code, x.Id))
            .ToListAsync(cancellationToken);
        file.Content = Write(rows);
        file.Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content));
        file.ClaimCount = rows.Count;
        file.TotalPence = rows.Sum(r => r.Pence);
        audit.Add(actor, AuditActions.PaymentFileExported, null, Target(file.Id), $"{file.ClaimCount} claims, {new Money(file.TotalPence)}, SHA-256 {file.Sha256}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return file;
    }

    /// <summary>Records that payroll paid the file: its claims are paid.</summary>
    public async Task MarkPaidAsync(Actor actor, int fileId, int version, CancellationToken cancellationToken = default)
    {
        var file = await db.PaymentFiles.SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken) ?? throw new RefusedException("There is no such payment file.");
        if (file.Version != version)
        {
            throw new ConflictException(ConflictMessage);
        }

        if (file.PaidUtc is not null)
        {
            throw new RefusedException("This file is already marked paid.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (file.PaidUtc, file.PaidByPersonId) = (now, actor.PersonId);
        file.Version++;
        audit.Add(actor, AuditActions.PaymentFilePaid, null, Target(file.Id), $"{file.ClaimCount} claims, {new Money(file.TotalPence)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(ConflictMessage);
        }

        await db.ProtectionClaims.Where(c => c.PaymentFileId == fileId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, ClaimStatus.Paid).SetProperty(c => c.PaidUtc, now).SetProperty(c => c.UpdatedUtc, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The file's bytes as exported, for a download (audited: it names pay numbers and amounts).</summary>
    public async Task<PaymentFile?> DownloadAsync(Actor actor, int fileId, CancellationToken cancellationToken = default)
    {
        var file = await db.PaymentFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is not null)
        {
            await audit.RecordAsync(actor, AuditActions.PaymentFileDownloaded, null, Target(file.Id), $"SHA-256 {file.Sha256}", cancellationToken);
        }

        return file;
    }

    public static string Target(int id) => $"payment_file/{id}";

    private static byte[] Write(IEnumerable<PaymentRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = new CsvWriter(text, SafeCsv.Configuration))
        {
            foreach (var column in Header.Split(','))
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                csv.WriteField(row.PayNumber);
                csv.WriteField(new Money(row.Pence).ToPlain());
                csv.WriteField(row.SchemeCode);
                csv.WriteField(ClaimReference.Format(row.ClaimId));
                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record PaymentRow(string PayNumber, long Pence, string SchemeCode, int ClaimId);
}
