using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Audit;

/// <summary>
/// The audit trail as a keyed hash chain. Each event, as it is saved, takes the next sequence number and the hash of
/// the event before it, and its own hash is an HMAC, under a key the database does not hold (<see cref="AuditKeyRing"/>),
/// of its contents, its key's id and that previous hash; the head row keeps the last sequence and hash. So an event
/// changed after the fact no longer matches its hash, and whoever holds only the database cannot re-seal what they
/// changed; an event removed leaves a gap or a broken link; events removed from the end leave the head pointing past
/// the last one, or, with the head rewound too, contradict the signed checkpoints kept outside the database
/// (<see cref="AuditCheckpoints"/>). Events written around the portal are never sealed: they are reported. Sealing
/// runs in the transaction that saves the events, and moves the head only if no one else has moved it since it was
/// read, so two writers can never both take the same place in the chain.
/// </summary>
public static class AuditChain
{
    public const int HeadId = 1;

    /// <summary>Problems beyond this many are counted but not listed.</summary>
    public const int MostProblemsListed = 100;

    internal static bool HasUnsealed(DbContext db) =>
        db.ChangeTracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added && e.Entity.Hash is null);

    /// <summary>Seals the audit events being added in this unit of work. Call inside the transaction that saves them.</summary>
    internal static Task SealAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        SealAsync(db, db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.Hash is null).Select(e => e.Entity).ToList(), cancellationToken);

    /// <summary>How many events are outside the chain: written around the portal, which seals every event it records.</summary>
    public static Task<int> CountUnsealedAsync(PortalDbContext db, CancellationToken cancellationToken = default) =>
        db.AuditEvents.CountAsync(e => e.Sequence == null || e.Hash == null, cancellationToken);

    /// <summary>The append-only triggers the migrations put on the audit trail that are no longer there.</summary>
    public static async Task<IReadOnlyList<string>> MissingTriggersAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var postgreSql = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        string[] expected = postgreSql
            ? ["audit_events_append_only_update", "audit_events_append_only_delete", "audit_events_append_only_truncate"]
            : ["audit_events_append_only_update", "audit_events_append_only_delete"];
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand(postgreSql
            ? "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal AND tgenabled <> 'D'"
            : "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'");
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                present.Add(reader.GetString(0));
            }
        }

        return [.. expected.Where(name => !present.Contains(name))];
    }

    private static async Task SealAsync(PortalDbContext db, List<AuditEvent> events, CancellationToken cancellationToken)
    {
        var keys = db.AuditKeys();
        var h = TableMap.For<AuditChainHead>(db);
        await db.OpenIfClosedAsync(cancellationToken);
        while (true)
        {
            var head = await db.AuditChainHead.AsNoTracking().SingleAsync(x => x.Id == HeadId, cancellationToken);
            var sequence = head.LastSequence;
            var previous = head.LastHash;
            foreach (var e in events)
            {
                e.Sequence = ++sequence;
                e.PreviousHash = previous;
                e.KeyId = keys.CurrentKeyId;
                e.Hash = HashOf(e, keys.CurrentKey);
                previous = e.Hash;
            }

            await using var move = db.CreateCommand(
                $"UPDATE {h.Name} SET {h[nameof(AuditChainHead.LastSequence)]} = @sequence, {h[nameof(AuditChainHead.LastHash)]} = @hash " +
                $"WHERE {h[nameof(AuditChainHead.Id)]} = @id AND {h[nameof(AuditChainHead.LastSequence)]} = @read");
            move.AddParameter("@sequence").Value = sequence;
            move.AddParameter("@hash").Value = previous;
            move.AddParameter("@id").Value = HeadId;
            move.AddParameter("@read").Value = head.LastSequence;
            if (await move.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return;
            }
        }
    }

    /// <summary>The hash of an event: HMAC-SHA-256 under <paramref name="key"/>, hex, over every field it records, its key's id and the hash before it.</summary>
    public static string HashOf(AuditEvent e, byte[] key)
    {
        var text = new StringBuilder();
        Append(text, e.Sequence?.ToString(CultureInfo.InvariantCulture));
        Append(text, e.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(text, e.ActorPersonId?.ToString(CultureInfo.InvariantCulture));
        Append(text, e.ActorSubject);
        Append(text, e.Action);
        Append(text, e.SubjectPersonId?.ToString(CultureInfo.InvariantCulture));
        Append(text, e.Target);
        Append(text, e.Detail);
        Append(text, e.From);
        Append(text, e.PreviousHash);
        Append(text, e.KeyId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Each value with its length, and null apart from empty, so that no two different events can read the same.
    private static void Append(StringBuilder text, string? value) =>
        (value is null ? text.Append("-;") : text.Append(value.Length).Append(':').Append(value).Append(';')).Append('\n');

    /// <summary>
    /// Reads the whole chain in order, one event at a time, and reports every break in it: events changed, removed,
    /// sealed without the portal's key or with one it does not hold, written around the portal, the append-only
    /// triggers removed, and — given the checkpoint file — a trail cut short or rewritten since a checkpoint.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(PortalDbContext db, string? checkpointFile = null, CancellationToken cancellationToken = default)
    {
        var keys = db.AuditKeys();
        var problems = new List<AuditChainProblem>();
        var count = 0;
        void Problem(long? sequence, string message)
        {
            count++;
            if (problems.Count < MostProblemsListed)
            {
                problems.Add(new(sequence, message));
            }
        }

        var (checkpoints, badLines) = checkpointFile is null ? ([], []) : AuditCheckpoints.Read(checkpointFile, keys);
        foreach (var line in badLines)
        {
            Problem(null, line);
        }

        var checkpointsAt = checkpoints.ToLookup(c => c.Sequence);
        long expected = 1;
        long checkedEvents = 0;
        var previous = "";
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            checkedEvents++;
            var sequence = e.Sequence!.Value;
            if (sequence != expected)
            {
                Problem(sequence, sequence == expected + 1
                    ? $"Event {expected} is missing: it was removed after it was recorded (the chain goes from event {expected - 1} to event {sequence})."
                    : $"Events {expected} to {sequence - 1} are missing: they were removed after they were recorded (the chain goes from event {expected - 1} to event {sequence}).");
            }
            else if (e.PreviousHash != previous)
            {
                Problem(sequence, $"Event {sequence} does not follow on from event {sequence - 1}: one of them was changed or replaced after it was recorded.");
            }

            if (e.KeyId is null)
            {
                Problem(sequence, $"Event {sequence} is not sealed with the portal's key: it was written or rewritten outside the portal.");
            }
            else if (keys.KeyFor(e.KeyId) is not { } key)
            {
                Problem(sequence, $"Event {sequence} was sealed with the key \"{e.KeyId}\", which this portal does not hold. Add that key to Audit:Keys to check it; if no one kept it, the event cannot be trusted.");
            }
            else if (HashOf(e, key) != e.Hash)
            {
                Problem(sequence, $"Event {sequence} ({e.Action}, recorded {e.OccurredUtc:yyyy-MM-dd HH:mm:ss} UTC) was changed after it was recorded: its contents no longer match its hash.");
            }

            foreach (var checkpoint in checkpointsAt[sequence].Where(c => c.Hash != e.Hash))
            {
                Problem(sequence, $"Event {sequence} is not the one the checkpoint of {checkpoint.AtUtc:yyyy-MM-dd HH:mm} UTC recorded: the trail was rewritten after that checkpoint.");
            }

            previous = e.Hash ?? "";
            expected = sequence + 1;
        }

        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(x => x.Id == HeadId, cancellationToken);
        var last = expected - 1;
        if (head.LastSequence > last)
        {
            Problem(head.LastSequence, head.LastSequence == last + 1
                ? $"Event {head.LastSequence}, the last one recorded, is missing: it was removed after it was recorded."
                : $"Events {last + 1} to {head.LastSequence}, the last ones recorded, are missing: they were removed after they were recorded.");
        }
        else if (head.LastSequence < last || head.LastHash != previous)
        {
            Problem(last, $"The end of the chain does not match its head (event {head.LastSequence}): events were added or changed outside the portal.");
        }

        if (checkpoints.Where(c => c.Sequence > last).MaxBy(c => c.Sequence) is { } beyond)
        {
            Problem(beyond.Sequence, $"The trail was cut short: the checkpoint of {beyond.AtUtc:yyyy-MM-dd HH:mm} UTC recorded event {beyond.Sequence}, but the trail now ends at event {last}.");
        }

        var unsealed = await CountUnsealedAsync(db, cancellationToken);
        if (unsealed > 0)
        {
            Problem(null, $"{unsealed} events are outside the chain: they were written around the portal, which seals every event it records.");
        }

        if (await MissingTriggersAsync(db, cancellationToken) is { Count: > 0 } missing)
        {
            Problem(null, $"The database no longer refuses changes to the audit trail: its triggers {string.Join(", ", missing)} were removed. Restore them (they are in the migrations) and find out who removed them.");
        }

        return new AuditVerification(checkedEvents, head.LastSequence, head.LastHash, problems, count);
    }
}
