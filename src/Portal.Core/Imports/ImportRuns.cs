using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Imports;

/// <summary>
/// The two steps of an import through the browser. Uploading keeps the file and queues its check; the check reads the
/// whole file and records the report (counts, and every problem by line and column); applying — only a clean,
/// checked file, by an administrator's choice — queues the import, which checks the file again and writes it in one
/// transaction. Both run as background jobs, so a large file never holds a request open and the page can be left.
/// </summary>
public sealed class ImportRuns(PortalDbContext db, AuditLog audit, IBackgroundJobClient jobs, IOptions<ImportOptions> options, TimeProvider clock)
{
    public static string Target(int id) => $"import/{id}";

    public string PathOf(int id) => Path.Combine(options.Value.Directory, $"{id}.csv");

    /// <summary>Deletes a run's stored file, if it is still there: it holds people's details.</summary>
    public void DeleteFile(int id)
    {
        var path = PathOf(id);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Keeps the uploaded file and queues its check. The caller has checked its size.</summary>
    public async Task<int> UploadAsync(Actor actor, ImportKind kind, int? incidentId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        var run = new ImportRun
        {
            Kind = kind,
            IncidentId = kind == ImportKind.Manifest ? incidentId : null,
            FileName = name.Length > 200 ? name[..200] : name,
            UploadedByPersonId = actor.PersonId,
            UploadedBySubject = actor.Subject,
            UploadedUtc = clock.GetUtcNow().UtcDateTime,
            Status = ImportRunStatus.Checking,
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            System.IO.Directory.CreateDirectory(options.Value.Directory);
            var path = PathOf(run.Id);
            try
            {
                await using (var file = File.Create(path + ".part"))
                using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    run.SizeBytes = await Files.HashingCopy.CopyAsync(content, file, sha, long.MaxValue, cancellationToken);
                    run.FileSha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
                }

                File.Move(path + ".part", path, overwrite: true);
            }
            catch
            {
                // Nothing was recorded (the transaction is not committed): leave no half-written copy behind.
                File.Delete(path + ".part");
                throw;
            }
            audit.Add(actor, AuditActions.ImportUploaded, null, Target(run.Id), string.Create(UkEnglish.Culture, $"{kind}: {run.FileName}, {run.SizeBytes:N0} bytes, SHA-256 {run.FileSha256}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        jobs.Enqueue<ImportJob>(job => job.CheckAsync(run.Id, CancellationToken.None));
        return run.Id;
    }

    /// <summary>Queues the import of a checked, clean file. False when there is no such run.</summary>
    /// <exception cref="RefusedException">The file cannot be imported (not checked yet, already imported, or with problems).</exception>
    public async Task<bool> ApplyAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return false;
        }

        if (run.Status != ImportRunStatus.Checked)
        {
            throw new RefusedException(run.Status == ImportRunStatus.Applied
                ? "This file has already been imported."
                : "Only a file whose check has finished can be imported. Wait for the check, or upload the file again.");
        }

        if (run.ProblemCount > 0)
        {
            throw new RefusedException(string.Create(UkEnglish.Culture, $"This file has {run.ProblemCount:N0} {(run.ProblemCount == 1 ? "problem" : "problems")}, and nothing is imported until there are none. Correct the file and upload it again."));
        }

        run.Status = ImportRunStatus.Applying;
        run.AppliedByPersonId = actor.PersonId;
        run.AppliedBySubject = actor.Subject;
        audit.Add(actor, AuditActions.ImportApplyRequested, null, Target(id), $"{run.Kind}: {run.FileName}, SHA-256 {run.FileSha256}");
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ImportJob>(job => job.ApplyAsync(id, CancellationToken.None));
        return true;
    }

    /// <summary>Sets a checked (or failed) file aside without importing it, and deletes it. False when there is no such run.</summary>
    /// <exception cref="RefusedException">The run is being checked or imported, or has been imported or set aside already.</exception>
    public async Task<bool> DiscardAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return false;
        }

        if (run.Status is not (ImportRunStatus.Checked or ImportRunStatus.Failed))
        {
            throw new RefusedException(run.Status switch
            {
                ImportRunStatus.Applied => "This file has been imported, so it cannot be set aside.",
                ImportRunStatus.Discarded => "This file has already been set aside.",
                _ => "A file can be set aside once its check or import has finished. Wait for it, then try again.",
            });
        }

        run.Status = ImportRunStatus.Discarded;
        audit.Add(actor, AuditActions.ImportDiscarded, null, Target(id), run.FileName);
        await db.SaveChangesAsync(cancellationToken);
        DeleteFile(id);
        return true;
    }

    /// <summary>
    /// After a restart, no check or import can still be running (the job store was in this process): each one left is
    /// marked as stopped, and its file deleted. An import's transaction either committed whole or not at all, and importing the same file
    /// again changes nothing that is already there, so the way on is to upload it again.
    /// </summary>
    public async Task<int> RecoverAfterRestartAsync(CancellationToken cancellationToken)
    {
        var stopped = await db.ImportRuns.Where(r => r.Status == ImportRunStatus.Checking || r.Status == ImportRunStatus.Applying).Select(r => r.Id).ToListAsync(cancellationToken);
        if (stopped.Count == 0)
        {
            return 0;
        }

        await db.ImportRuns.Where(r => stopped.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Failed)
                .SetProperty(r => r.Failure, "The portal stopped while this file was being checked or imported. Upload it again: importing a file twice changes nothing the first time wrote."), cancellationToken);
        stopped.ForEach(DeleteFile);
        return stopped.Count;
    }
}
