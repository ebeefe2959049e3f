using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Audit;

/// <summary>One thing found wrong with the audit chain, at the event (by sequence) where it shows.</summary>
public sealed record AuditChainProblem(long? Sequence, string Message);

/// <summary>What a check of the whole audit chain found.</summary>
public sealed record AuditVerification(long EventsChecked, long LastSequence, string LastHash, IReadOnlyList<AuditChainProblem> Problems, int ProblemCount)
{
    public bool Intact => ProblemCount == 0;
}

/// <summary>
/// The audit trail as a hash chain. Each event, as it is saved, takes the next sequence number and the hash of the
/// event before it, and its own hash covers its contents and that previous hash; the head row keeps the last
/// sequence and hash. So an event changed after the fact no longer matches its hash, an event removed leaves a
/// gap in the sequence, and events removed from the end leave the head pointing past the last one. Sealing runs in
/// the transaction that saves the events, and moves the head only if no one else has moved it since it was read,
/// so two writers can never both take the same place in the chain.
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

    /// <summary>
    /// Seals events written before the chain existed, oldest first, so that they are covered too. Run at start-up;
    /// does nothing once every event is sealed.
    /// </summary>
    public static async Task<int> SealEarlierEventsAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        // Every start asks; only a database with such events takes the write lock to seal them.
        if (!await db.AuditEvents.AnyAsync(e => e.Hash == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var earlier = await db.AuditEvents.Where(e => e.Hash == null).OrderBy(e => e.Id).ToListAsync(cancellationToken);

        await SealAsync(db, earlier, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return earlier.Count;
    }

    private static async Task SealAsync(PortalDbContext db, List<AuditEvent> events, CancellationToken cancellationToken)
    {
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
                e.Hash = HashOf(e);
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

    /// <summary>The hash of an event: SHA-256, hex, over every field it records and the hash before it.</summary>
    public static string HashOf(AuditEvent e)
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Each value with its length, and null apart from empty, so that no two different events can read the same.
    private static void Append(StringBuilder text, string? value) =>
        (value is null ? text.Append("-;") : text.Append(value.Length).Append(':').Append(value).Append(';')).Append('\n');

    /// <summary>Reads the whole chain in order, one event at a time, and reports every break in it.</summary>
    public static async Task<AuditVerification> VerifyAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
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

            if (HashOf(e) != e.Hash)
            {
                Problem(sequence, $"Event {sequence} ({e.Action}, recorded {e.OccurredUtc:yyyy-MM-dd HH:mm:ss} UTC) was changed after it was recorded: its contents no longer match its hash.");
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

        var unsealed = await db.AuditEvents.CountAsync(e => e.Sequence == null || e.Hash == null, cancellationToken);
        if (unsealed > 0)
        {
            Problem(null, $"{unsealed} events are outside the chain: they were written around the portal, which seals every event it records.");
        }

        return new AuditVerification(checkedEvents, head.LastSequence, head.LastHash, problems, count);
    }
}
