namespace Portal.Core.Domain;

/// <summary>
/// An append-only record of an access to another person's data or an administrative action: who, when (UTC),
/// what, about whom, from where.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }

    /// <summary>The signed-in person who acted, when they have a personnel record.</summary>
    public int? ActorPersonId { get; set; }

    /// <summary>The sign-in's subject identifier, kept even when the actor has no personnel record.</summary>
    public required string ActorSubject { get; set; }

    /// <summary>What was done, as a dotted verb such as <c>support_request.viewed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Whose data it was.</summary>
    public int? SubjectPersonId { get; set; }

    /// <summary>What it was done to, such as a support request's reference.</summary>
    public string? Target { get; set; }

    public string? Detail { get; set; }

    /// <summary>The client address the request came from.</summary>
    public string? From { get; set; }

    /// <summary>The event's place in the chain: 1, 2, 3, … with no gaps. Null only for an event not yet sealed.</summary>
    public long? Sequence { get; set; }

    /// <summary>The <see cref="Hash"/> of the event before this one in the chain; empty for the first.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>
    /// HMAC-SHA-256, hex, under the key <see cref="KeyId"/>, over this event's contents and <see cref="PreviousHash"/>:
    /// changing or removing any event breaks the chain after it, and only a holder of the key (never the database) can seal one.
    /// </summary>
    public string? Hash { get; set; }

    /// <summary>The id of the key (in <c>Audit:Keys</c>) that sealed this event.</summary>
    public string? KeyId { get; set; }
}
