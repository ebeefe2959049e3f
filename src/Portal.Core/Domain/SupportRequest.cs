namespace Portal.Core.Domain;

/// <summary>A request for protective support, raised by a person for themselves.</summary>
public sealed class SupportRequest
{
    public int Id { get; set; }

    /// <summary>The requester. Decided by their sign-in, never by the form.</summary>
    public int PersonId { get; set; }

    public SupportRequestType Type { get; set; }
    public StatedUrgency StatedUrgency { get; set; }
    public required string Description { get; set; }
    public ContactMethod ContactMethod { get; set; }
    public string? ContactPhone { get; set; }
    public bool ConsentToShare { get; set; }

    /// <summary>The notice the person was answering when they made the request ("I need support", "I have seen something suspicious").</summary>
    public int? CampaignId { get; set; }

    /// <summary>Identifies the form submission that made this request; a repeat of it returns this request.</summary>
    public Guid? SubmissionKey { get; set; }

    public SupportRequestStatus Status { get; set; }

    /// <summary>New, triaged, in progress or waiting on the person: kept by the database from the status (a stored column), so the queue's index can lead with it.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The priority computed from the person's exposure, role, name and what they told us.</summary>
    public Priority ComputedPriority { get; set; }

    /// <summary>Why: one plain-English reason a line, shown beside the request.</summary>
    public List<string> PriorityReasons { get; set; } = [];

    public Priority? PriorityOverride { get; set; }
    public string? PriorityOverrideReason { get; set; }

    /// <summary>The priority the queue uses: the override when there is one.</summary>
    public Priority Priority { get; set; }

    /// <summary>True when the requester is in a sensitive role: only welfare leads may see the request.</summary>
    public bool Restricted { get; set; }

    public int? AssignedToPersonId { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>When a response is due under the SLA; moved on by the time spent waiting on the person.</summary>
    public DateTime DueUtc { get; set; }

    /// <summary>Set while waiting on the person: the SLA clock is paused from then.</summary>
    public DateTime? SlaPausedAtUtc { get; set; }

    /// <summary>When the person will next hear from the welfare team at the latest.</summary>
    public DateTime? NextUpdateDueUtc { get; set; }

    /// <summary>When the team must first reach the person by (working time; null for requests made before it was kept).</summary>
    public DateTime? FirstContactDueUtc { get; set; }

    /// <summary>When the team first reached the person: its first message to them, or the request first taken into progress.</summary>
    public DateTime? FirstContactUtc { get; set; }

    /// <summary>When it was last resolved (or closed without being resolved first); null while open or withdrawn.</summary>
    public DateTime? ResolvedUtc { get; set; }

    /// <summary>Incremented by every change; a save with a stale version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public List<SupportRequestEvent> Events { get; set; } = [];

    public string Reference => SupportReference.Format(Id);
}
