using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Incidents;

/// <summary>
/// Records incidents and their timelines for administrators. Every change is checked whole (each problem named with
/// its field and what to do) and audited with the change it records; nothing is written when there is a problem.
/// </summary>
public sealed partial class IncidentAdmin(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MostNotIncluded = 20;

    public static string Target(int id) => $"incident/{id}";

    /// <summary>Creates an incident and returns its id.</summary>
    /// <exception cref="RefusedException">The draft has problems; nothing was saved.</exception>
    public async Task<int> CreateAsync(Actor actor, IncidentDraft draft, CancellationToken cancellationToken)
    {
        if (await CheckAsync(draft, null, cancellationToken) is { Count: > 0 } problems)
        {
            throw new RefusedException(problems);
        }

        var incident = new Incident
        {
            Reference = "",
            Title = "",
            Source = "",
            Summary = "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Apply(incident, draft);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.IncidentCreated, null, Target(incident.Id), $"{incident.Reference}: {incident.Title} ({incident.Status})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return incident.Id;
    }

    /// <summary>Changes an incident; a change of status is recorded as such. False when there is no such incident.</summary>
    /// <exception cref="RefusedException">The draft has problems; nothing was saved.</exception>
    public async Task<bool> UpdateAsync(Actor actor, int id, IncidentDraft draft, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return false;
        }

        if (await CheckAsync(draft, id, cancellationToken) is { Count: > 0 } problems)
        {
            throw new RefusedException(problems);
        }

        var before = incident.Status;
        Apply(incident, draft);
        audit.Add(actor, AuditActions.IncidentUpdated, null, Target(id), $"{incident.Reference}: {incident.Title}");
        if (incident.Status != before)
        {
            audit.Add(actor, AuditActions.IncidentStatusChanged, null, Target(id), $"{before} → {incident.Status}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Posts a dated update to the incident's timeline, which staff read on "Am I affected?". False when there is no such incident.</summary>
    /// <exception cref="RefusedException">The update is empty or too long; nothing was saved.</exception>
    public async Task<bool> PostUpdateAsync(Actor actor, int id, string? text, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return false;
        }

        var problems = new List<FieldProblem>();
        FieldChecks.Text(problems, "UpdateText", text, 4000, "Enter the update: what has happened, or what people should now do.", "update");
        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        text = text!.Trim();

        db.IncidentUpdates.Add(new IncidentUpdate { IncidentId = id, PostedUtc = clock.GetUtcNow().UtcDateTime, Text = text });
        audit.Add(actor, AuditActions.IncidentUpdatePosted, null, Target(id), text.Length > 200 ? text[..200] + "…" : text);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Records, dated now, each field whose status is given and differs from its latest entry: suspected, confirmed or
    /// ruled out. A field not given keeps what it has. Returns how many entries were recorded; false when there is no such incident.
    /// </summary>
    public async Task<int?> RecordFieldStatusesAsync(Actor actor, int id, IReadOnlyDictionary<HeldFields, FieldStatus> statuses, string? note, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return null;
        }

        var problems = new List<FieldProblem>();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 500 })
        {
            problems.Add(new FieldProblem("FieldNote", $"The note must be 500 characters or fewer; it is {note.Length}."));
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var current = await CurrentFieldStatusesAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = DataFieldCatalogue.All
            .Where(f => statuses.TryGetValue(f.Flag, out var status) && !(current.TryGetValue(f.Flag, out var was) && was == status)).ToList();
        foreach (var field in changed)
        {
            db.IncidentFieldStatuses.Add(new IncidentFieldStatus { IncidentId = id, Field = field.Flag, Status = statuses[field.Flag], Note = note, RecordedUtc = now });
        }

        if (changed.Count > 0)
        {
            audit.Add(actor, AuditActions.IncidentFieldStatusRecorded, null, Target(id), string.Join("; ", changed.Select(f => $"{f.Key}: {statuses[f.Flag]}")));
            await db.SaveChangesAsync(cancellationToken);
        }

        return changed.Count;
    }

    /// <summary>Each field's latest status for the incident; a field with none is not in it.</summary>
    public async Task<Dictionary<HeldFields, FieldStatus>> CurrentFieldStatusesAsync(int id, CancellationToken cancellationToken)
    {
        var entries = await db.IncidentFieldStatuses.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.RecordedUtc).ThenBy(s => s.Id)
            .Select(s => new { s.Field, s.Status }).ToListAsync(cancellationToken);
        var current = new Dictionary<HeldFields, FieldStatus>();
        foreach (var entry in entries)
        {
            current[entry.Field] = entry.Status;
        }

        return current;
    }

    private static void Apply(Incident incident, IncidentDraft draft)
    {
        incident.Reference = draft.Reference!.Trim().ToUpperInvariant();
        incident.Title = draft.Title!.Trim();
        incident.Source = draft.Source!.Trim();
        incident.Summary = draft.Summary!.Trim();
        incident.Status = draft.Status!.Value;
        incident.OccurredOn = draft.OccurredOn!.Value;
        incident.DiscoveredOn = draft.DiscoveredOn!.Value;
        incident.NotIncluded = Lines(draft.NotIncluded);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private async Task<List<FieldProblem>> CheckAsync(IncidentDraft draft, int? id, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var reference = draft.Reference?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(reference))
        {
            problems.Add(new("Reference", "Enter the incident's reference, such as INC-2023-014."));
        }
        else if (!ReferenceShape().IsMatch(reference))
        {
            problems.Add(new("Reference", "The reference must be 2 to 20 letters, numbers and hyphens, such as INC-2023-014."));
        }
        else if (await db.Incidents.AnyAsync(i => i.Reference == reference && i.Id != id, cancellationToken))
        {
            problems.Add(new("Reference", $"Another incident already has the reference {reference}. Choose a different one."));
        }

        FieldChecks.Text(problems, "Title", draft.Title, 200, "Enter a title that staff will recognise, such as \"Card supplier breach\".", "title");
        FieldChecks.Text(problems, "Source", draft.Source, 200, "Enter the supplier or other source that held or released the data.", "source");
        FieldChecks.Text(problems, "Summary", draft.Summary, 4000, "Enter what happened, in plain English, for every member of the workforce to read.", "summary");
        if (draft.Status is null)
        {
            problems.Add(new("Status", "Choose the incident's status."));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (draft.OccurredOn is null)
        {
            problems.Add(new("OccurredOn", "Enter the date it happened, such as 14/8/2023. If it is not known yet, enter your best estimate and say so in the summary."));
        }
        else if (draft.OccurredOn > today)
        {
            problems.Add(new("OccurredOn", "The date it happened must be today or in the past."));
        }

        if (draft.DiscoveredOn is null)
        {
            problems.Add(new("DiscoveredOn", "Enter the date it was discovered, such as 21/8/2023."));
        }
        else if (draft.DiscoveredOn > today)
        {
            problems.Add(new("DiscoveredOn", "The date it was discovered must be today or in the past."));
        }
        else if (draft.OccurredOn is { } occurred && occurred <= today && draft.DiscoveredOn < occurred)
        {
            problems.Add(new("DiscoveredOn", "The date it was discovered must be on or after the date it happened."));
        }

        var notIncluded = Lines(draft.NotIncluded);
        if (notIncluded.Count > MostNotIncluded)
        {
            problems.Add(new("NotIncluded", $"List at most {MostNotIncluded} categories not included; there are {notIncluded.Count}."));
        }
        else if (notIncluded.FirstOrDefault(l => l.Length > 100) is { } tooLong)
        {
            problems.Add(new("NotIncluded", $"Each category must be 100 characters or fewer: \"{tooLong[..40]}…\" is {tooLong.Length}. Put one category on each line."));
        }

        return problems;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,19}$")]
    private static partial Regex ReferenceShape();
}
