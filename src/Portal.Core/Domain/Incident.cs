namespace Portal.Core.Domain;

/// <summary>One breach or disclosure of workforce data.</summary>
public sealed class Incident
{
    public int Id { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }

    /// <summary>The supplier or other source that held or released the data.</summary>
    public required string Source { get; set; }

    /// <summary>What happened, in plain English, for every member of the workforce to read.</summary>
    public required string Summary { get; set; }

    public IncidentStatus Status { get; set; }
    public DateOnly OccurredOn { get; set; }
    public DateOnly DiscoveredOn { get; set; }

    /// <summary>Categories of data this incident is known not to include, such as home addresses.</summary>
    public List<string> NotIncluded { get; set; } = [];

    public List<IncidentUpdate> Updates { get; set; } = [];
    /// <summary>The rows of the last manifest applied for it (a person each), and how many matched no personnel record: the regulator's "approximate numbers".</summary>
    public int? ManifestRows { get; set; }
    public int? ManifestUnmatched { get; set; }

    /// <summary>How many of the last manifest's rows held each field, by the field's key: "name=45157;photo=44980".</summary>
    public string? ManifestFieldCounts { get; set; }

    public DateTime CreatedUtc { get; set; }
}
