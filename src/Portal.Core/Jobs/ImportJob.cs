using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.Text;

namespace Portal.Core.Jobs;

/// <summary>The background jobs of an import: the check, and the import itself. Never retried on their own: a failure is recorded on the run.</summary>
public sealed partial class ImportJob(
    PortalDbContext db, PersonnelImporter personnel, ManifestImporter manifests, ImportRuns runs, ImportProgress progress, AuditLog audit, TimeProvider clock, ILogger<ImportJob> logger)
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
                : await manifests.ImportAsync(run.IncidentId!.Value, file, run.Id, cancellationToken);
            if (report.FileSha256 != run.FileSha256 || !report.Applied)
            {
                // The file was changed on disk, or what is held changed since the check so that the file no longer
                // passes it: the importer wrote nothing.
                run.Status = ImportRunStatus.Failed;
                run.Failure = report.FileSha256 != run.FileSha256
                    ? "The stored file no longer matches the one that was checked, so nothing was written. Upload it again."
                    : string.Create(UkEnglish.Culture, $"The file no longer passes its check ({report.ProblemCount:N0} problems, because what is held has changed since): nothing was written. Upload it again to see the problems.");
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
