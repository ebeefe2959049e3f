using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>The <c>Imports</c> section: where uploaded files wait between their check and their import, and how large one may be.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>The folder for uploaded files (relative paths are under the portal's data folder). Each is deleted once imported or set aside.</summary>
    [Required]
    public string Directory { get; set; } = "data/imports";

    /// <summary>The largest file accepted. A 47,000-row personnel extract is about 6 MB.</summary>
    [Range(1, 1024)]
    public int MaxUploadMegabytes { get; set; } = 20;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}

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
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        sha.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        run.SizeBytes += read;
                    }

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
            audit.Add(actor, AuditActions.ImportUploaded, null, Target(run.Id), $"{kind}: {run.FileName}, {run.SizeBytes:N0} bytes, SHA-256 {run.FileSha256}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        jobs.Enqueue<ImportJobs>(job => job.CheckAsync(run.Id, CancellationToken.None));
        return run.Id;
    }

    /// <summary>Queues the import of a checked, clean file. Found is false when there is no such run; Refused says why it cannot be imported.</summary>
    public async Task<(bool Found, string? Refused)> ApplyAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return (false, null);
        }

        if (run.Status != ImportRunStatus.Checked)
        {
            return (true, run.Status == ImportRunStatus.Applied
                ? "This file has already been imported."
                : "Only a file whose check has finished can be imported. Wait for the check, or upload the file again.");
        }

        if (run.ProblemCount > 0)
        {
            return (true, $"This file has {run.ProblemCount:N0} {(run.ProblemCount == 1 ? "problem" : "problems")}, and nothing is imported until there are none. Correct the file and upload it again.");
        }

        run.Status = ImportRunStatus.Applying;
        run.AppliedByPersonId = actor.PersonId;
        run.AppliedBySubject = actor.Subject;
        audit.Add(actor, AuditActions.ImportApplyRequested, null, Target(id), $"{run.Kind}: {run.FileName}, SHA-256 {run.FileSha256}");
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ImportJobs>(job => job.ApplyAsync(id, CancellationToken.None));
        return (true, null);
    }

    /// <summary>Sets a checked file aside without importing it, and deletes it. False when it cannot be (not checked, or no such run).</summary>
    public async Task<bool> DiscardAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run?.Status is not (ImportRunStatus.Checked or ImportRunStatus.Failed))
        {
            return false;
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

/// <summary>How far each running check or import has read, for the progress bar. Kept in memory: the job runs in this process.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, CountingStream> running = new();

    /// <summary>The share done, 0–99, while running; null when nothing is running for that run here.</summary>
    public int? PercentOf(int runId) => running.TryGetValue(runId, out var stream) ? stream.Percent : null;

    /// <summary>
    /// Opens the run's file, counting what is read; <paramref name="passes"/> is how many times the job reads it whole. All
    /// but the last are quick (its hash, the UTF-8 check) and are shown as the first few per cent; the last (the rows) is
    /// the rest of the bar.
    /// </summary>
    public Stream Open(int runId, string path, int passes)
    {
        var stream = new CountingStream(File.OpenRead(path), passes);
        running[runId] = stream;
        return stream;
    }

    public void Done(int runId) => running.TryRemove(runId, out _);

    private sealed class CountingStream(FileStream inner, int passes) : Stream
    {
        private const double QuickPassShare = 2;
        private readonly long length = inner.Length;
        private long read;
        private int completedPasses;

        // Read from another request's thread, perhaps after the job has closed the file: the length is kept.
        public int Percent
        {
            get
            {
                if (length == 0)
                {
                    return 0;
                }

                var done = Volatile.Read(ref completedPasses);
                var fraction = Math.Min(1.0, Interlocked.Read(ref read) / (double)length);
                var percent = done < passes - 1
                    ? (done + fraction) * QuickPassShare
                    : ((passes - 1) * QuickPassShare) + (fraction * (100 - ((passes - 1) * QuickPassShare)));
                return (int)Math.Min(99, percent);
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => inner.Position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Going back to the start after reading the whole file ends a pass; after a peek at its head, it does not.</summary>
        public override long Seek(long offset, SeekOrigin origin)
        {
            var position = inner.Seek(offset, origin);
            if (position == 0)
            {
                if (Interlocked.Exchange(ref read, 0) >= length)
                {
                    Interlocked.Increment(ref completedPasses);
                }
            }

            return position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int n)
        {
            Interlocked.Add(ref read, n);
            return n;
        }
    }
}

/// <summary>The background jobs of an import: the check, and the import itself. Never retried on their own: a failure is recorded on the run.</summary>
public sealed partial class ImportJobs(
    PortalDbContext db, PersonnelImporter personnel, ManifestImporter manifests, ImportRuns runs, ImportProgress progress, AuditLog audit, TimeProvider clock, ILogger<ImportJobs> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public Task CheckAsync(int runId, CancellationToken cancellationToken) =>
        RunAsync(runId, ImportRunStatus.Checking, "check", passes: 3, async (run, file) =>
        {
            var report = run.Kind == ImportKind.Personnel
                ? await personnel.CheckAsync(file, cancellationToken)
                : await manifests.CheckAsync(run.IncidentId!.Value, file, cancellationToken);
            Record(run, report);
            run.Status = ImportRunStatus.Checked;
            await db.SaveChangesAsync(cancellationToken);

            // Only a clean file can be imported; one with problems is kept no longer than its report needs.
            return report.IsClean;
        });

    [AutomaticRetry(Attempts = 0)]
    public Task ApplyAsync(int runId, CancellationToken cancellationToken) =>
        RunAsync(runId, ImportRunStatus.Applying, "import", passes: 3, async (run, file) =>
        {
            var actor = new Actor(run.AppliedByPersonId, run.AppliedBySubject ?? "unknown", null);
            var report = run.Kind == ImportKind.Personnel
                ? await personnel.ImportAsync(file, cancellationToken)
                : await manifests.ImportAsync(run.IncidentId!.Value, file, cancellationToken);
            if (report.FileSha256 != run.FileSha256 || !report.Applied)
            {
                // The file was changed on disk, or what is held changed since the check so that the file no longer
                // passes it: the importer wrote nothing.
                run.Status = ImportRunStatus.Failed;
                run.Failure = report.FileSha256 != run.FileSha256
                    ? "The stored file no longer matches the one that was checked, so nothing was written. Upload it again."
                    : $"The file no longer passes its check ({report.ProblemCount:N0} problems, because what is held has changed since): nothing was written. Upload it again to see the problems.";
                audit.Add(actor, AuditActions.ImportFailed, null, ImportRuns.Target(run.Id), run.Failure);
                await db.SaveChangesAsync(cancellationToken);
                return false;
            }

            db.ImportFindings.RemoveRange(db.ImportFindings.Where(f => f.ImportRunId == run.Id && f.Kind == ImportFindingKind.Unmatched));
            Record(run, report);
            run.Status = ImportRunStatus.Applied;
            run.AppliedUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(actor, AuditActions.ImportApplied, null, ImportRuns.Target(run.Id),
                $"{run.Kind}: {run.FileName}, SHA-256 {run.FileSha256}; {report.Added} added, {report.Changed} changed ({report.NewLeavers} new leavers), {report.Unchanged} unchanged, {report.Removed} removed");
            await db.SaveChangesAsync(cancellationToken);
            return false;
        });

    /// <summary>
    /// Runs a step on a run in the state it expects, reading its file with progress counted. The file is deleted
    /// afterwards unless the step says it is still needed (a clean file waiting to be imported): it holds people's
    /// details, and a failed, finished or refused file is never read again. A failure is recorded on the run.
    /// </summary>
    private async Task RunAsync(int runId, ImportRunStatus expected, string what, int passes, Func<ImportRun, Stream, Task<bool>> step)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == runId);
        if (run?.Status != expected)
        {
            return;
        }

        if (!File.Exists(runs.PathOf(runId)))
        {
            // The job ran on another node than the one the file was uploaded to, and the folder is not shared.
            run.Status = ImportRunStatus.Failed;
            run.Failure = $"The uploaded file was not found where this {what} ran. Upload it again. (With several portal nodes, Imports:Directory must be a folder every node shares: see docs/deploying.md.)";
            await db.SaveChangesAsync();
            return;
        }

        var keep = false;
        try
        {
            await using var file = progress.Open(runId, runs.PathOf(runId), passes);
            keep = await step(run, file);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await FailAsync(run, what, exception);
            throw;
        }
        finally
        {
            progress.Done(runId);
            if (!keep)
            {
                runs.DeleteFile(runId);
            }
        }
    }

    private void Record(ImportRun run, ImportReport report)
    {
        run.Rows = report.Rows;
        run.Added = report.Added;
        run.Changed = report.Changed;
        run.Unchanged = report.Unchanged;
        run.NewLeavers = report.NewLeavers;
        run.Removed = report.Removed;
        run.Unmatched = report.UnmatchedCount;
        run.ProblemCount = report.ProblemCount;
        db.ImportFindings.AddRange(report.Problems.Select(p => new ImportFinding
        {
            ImportRunId = run.Id,
            Kind = ImportFindingKind.Problem,
            Line = p.Line,
            Column = p.Column,
            ColumnName = p.ColumnName,
            Message = p.Message.Length > 1000 ? p.Message[..1000] : p.Message,
        }));
        db.ImportFindings.AddRange(report.Unmatched.Select(u => new ImportFinding
        {
            ImportRunId = run.Id,
            Kind = ImportFindingKind.Unmatched,
            Line = u.Line,
            Column = 1,
            ColumnName = "pay_number",
            Message = u.PayNumber,
        }));
    }

    private async Task FailAsync(ImportRun run, string what, Exception exception)
    {
        LogFailed(run.Id, what, exception.GetType().Name);
        db.ChangeTracker.Clear();
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ImportRunStatus.Failed)
            .SetProperty(r => r.Failure, $"The {what} stopped on an error ({exception.GetType().Name}); nothing was written. Try again; if it happens again, tell the service desk the import's number."));
    }

    // The exception's type only: its message could quote the file, which holds people's details.
    [LoggerMessage(Level = LogLevel.Error, Message = "Import {RunId}: the {What} stopped on {ExceptionType}")]
    private partial void LogFailed(int runId, string what, string exceptionType);
}
