using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Support;

/// <summary>
/// One action on many requests chosen on the queue: assign, move on, or send one saved reply to each. Each request is
/// its own change, saved on its own with the version the officer saw and audited with it, so a request a colleague
/// changed meanwhile is skipped and listed, never overwritten, and the others still go ahead. A restricted request is
/// refused to anyone but a welfare lead, and only a lead may take a request from one officer and give it to another.
/// </summary>
public sealed class SupportBulk(PortalDbContext db, SupportRequests requests, SavedReplies savedReplies, AuditLog audit)
{
    /// <summary>At most this many requests at once: a page of the queue and then some.</summary>
    public const int MaxRequests = 100;

    public Task<BulkOutcome> AssignAsync(BulkActor actor, IReadOnlyList<BulkItem> items, int? assigneePersonId, CancellationToken cancellationToken = default) =>
        ApplyAsync(actor, items, assigneePersonId is null ? "unassigned" : $"assigned to person {assigneePersonId}", (request, item) =>
        {
            if (!actor.IsLead && request.AssignedToPersonId is { } holder && holder != actor.Actor.PersonId && holder != assigneePersonId)
            {
                throw new RefusedException("it is with another officer, and only a welfare lead moves requests between officers");
            }

            return requests.AssignAsync(actor.Actor.PersonId!.Value, item.RequestId, item.Version, assigneePersonId, cancellationToken);
        }, cancellationToken);

    public Task<BulkOutcome> ChangeStatusAsync(BulkActor actor, IReadOnlyList<BulkItem> items, SupportRequestStatus to, CancellationToken cancellationToken = default) =>
        ApplyAsync(actor, items, $"status to {to}", (_, item) => requests.ChangeStatusAsync(actor.Actor.PersonId!.Value, item.RequestId, item.Version, to, cancellationToken), cancellationToken);

    /// <summary>Sends the saved reply to each requester, filled in with their given name and their request's reference.</summary>
    public async Task<BulkOutcome> SendReplyAsync(BulkActor actor, IReadOnlyList<BulkItem> items, int replyId, CancellationToken cancellationToken = default)
    {
        var reply = await savedReplies.FindAsync(replyId, cancellationToken) ?? throw new RefusedException("That saved reply no longer exists. Choose another.");
        var ids = items.Select(i => i.RequestId).ToList();
        var givenNames = await db.SupportRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r.Id, p.GivenName })
            .ToDictionaryAsync(x => x.Id, x => x.GivenName, cancellationToken);
        return await ApplyAsync(actor, items, $"saved reply {replyId} sent", (_, item) =>
            requests.SendMessageAsync(actor.Actor.PersonId!.Value, item.RequestId, SavedReplies.Fill(reply.Body, givenNames[item.RequestId], SupportReference.Format(item.RequestId)),
                item.Version, cancellationToken), cancellationToken);
    }

    private async Task<BulkOutcome> ApplyAsync(BulkActor actor, IReadOnlyList<BulkItem> items, string what, Func<BulkRequest, BulkItem, Task> change, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            throw new RefusedException("Choose at least one request.");
        }

        if (items.Count > MaxRequests)
        {
            throw new RefusedException($"Choose at most {MaxRequests} requests at once.");
        }

        var ids = items.Select(i => i.RequestId).Distinct().ToList();
        var found = await db.SupportRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new BulkRequest(r.Id, r.PersonId, r.Restricted, r.AssignedToPersonId))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var outcome = new BulkOutcome();
        foreach (var item in items.DistinctBy(i => i.RequestId))
        {
            var reference = SupportReference.Format(item.RequestId);
            if (!found.TryGetValue(item.RequestId, out var request))
            {
                outcome.Refused.Add(new(reference, "there is no such request"));
                continue;
            }

            if (request.Restricted && !actor.IsLead)
            {
                await audit.RecordAsync(actor.Actor, AuditActions.SupportRequestRefused, request.PersonId, reference, "restricted to welfare leads", cancellationToken);
                outcome.Refused.Add(new(reference, "it is restricted to welfare leads"));
                continue;
            }

            try
            {
                // Written in the same save as the change it records, and dropped with it when the change is refused.
                audit.Add(actor.Actor, AuditActions.SupportRequestChanged, request.PersonId, reference, $"bulk: {what}");
                await change(request, item);
                outcome.Done.Add(reference);
            }
            catch (ConflictException)
            {
                outcome.Conflicts.Add(reference);
            }
            catch (RefusedException refused)
            {
                outcome.Refused.Add(new(reference, refused.Problems.Count > 0 ? LowerFirst(refused.Problems[0].Message) : "it was refused"));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return outcome;
    }

    private static string LowerFirst(string text) => text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1]))
        ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.')
        : text.TrimEnd('.');

    private sealed record BulkRequest(int Id, int PersonId, bool Restricted, int? AssignedToPersonId);
}

/// <summary>Who acts in bulk: their audit identity and whether they are a welfare lead.</summary>
public sealed record BulkActor(Actor Actor, bool IsLead);

/// <summary>A request chosen on the queue, with the version it had when the queue was shown.</summary>
public readonly record struct BulkItem(int RequestId, int Version)
{
    /// <summary>Reads "id:version", as the queue's check boxes carry it.</summary>
    public static bool TryParse(string? value, out BulkItem item)
    {
        item = default;
        var parts = value?.Split(':');
        if (parts is not [var id, var version]
            || !int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requestId)
            || !int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        item = new BulkItem(requestId, v);
        return true;
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RequestId}:{Version}");
}

/// <summary>What a bulk action did: each request changed, skipped because a colleague changed it first, or refused and why.</summary>
public sealed class BulkOutcome
{
    public List<string> Done { get; init; } = [];
    public List<string> Conflicts { get; init; } = [];
    public List<BulkRefusal> Refused { get; init; } = [];
}

public sealed record BulkRefusal(string Reference, string Reason);
