namespace Portal.Core.Domain;

/// <summary>
/// One saved version of the administrator's words in an incident's report to the regulator (UK GDPR Art. 33). The
/// latest is the report; every earlier one is kept, as evidence of what was said when. The figures are not stored:
/// they are counted again from the data each time the report is drawn.
/// </summary>
public sealed class BreachReportVersion
{
    public int Id { get; set; }
    public int IncidentId { get; set; }

    /// <summary>1, 2, 3…: unique for the incident, so two saves of the same version cannot both land.</summary>
    public int Version { get; set; }

    public DateTime SavedUtc { get; set; }
    public int? SavedByPersonId { get; set; }
    public required string SavedBySubject { get; set; }

    public required string Nature { get; set; }
    public required string LikelyConsequences { get; set; }
    public required string OtherMeasures { get; set; }

    /// <summary>When the breach was reported to the regulator; null until it is.</summary>
    public DateOnly? ReportedOn { get; set; }

    /// <summary>Why it was reported more than 72 hours after it was discovered (Art. 33(1)).</summary>
    public string? DelayReasons { get; set; }
}
