using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Incidents;
using Portal.Core.Support;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Evidence;

/// <summary>
/// Each incident's draft report to the regulator (UK GDPR Art. 33): the figures counted from the data every time it is
/// drawn — people and records from the manifests, the fields held with counts, the notices, the support taken up, the
/// guidance published — around the administrator's words, which are saved as numbered versions (none ever changed), so
/// drawing it again keeps them. Saving and downloading are audited.
/// </summary>
public sealed class BreachReports(PortalDbContext db, AuditLog audit, IOptions<PortalOptions> portal, TimeProvider clock)
{
    public const int TextMaxLength = 8000;

    public const string ConflictMessage = "Someone saved this report after you opened it. Your words are below: open the report again to see theirs, then save yours over them if they should stand.";

    private static readonly Dictionary<HeldFields, string> Consequences = new()
    {
        [HeldFields.Name] = "their names can be searched online and on people-search sites to find their homes and families",
        [HeldFields.RankOrGrade] = "their rank or grade confirms that they work for the police, and how senior they are",
        [HeldFields.Photo] = "their photographs let them be recognised in person, matched to social media profiles, or used on cloned warrant cards and passes",
        [HeldFields.VettingLevel] = "their vetting levels show who may have access to sensitive information, making them of interest to criminals and hostile states",
        [HeldFields.PayNumber] = "their pay numbers can make a call or e-mail impersonating them, or HR, sound genuine",
        [HeldFields.IdCardNumber] = "their card numbers could help a cloned warrant card or pass pass a check",
        [HeldFields.Unit] = "their units show what kind of work they do, which matters most for specialist, covert and protection roles",
        [HeldFields.WorkLocation] = "their work locations show where they can be found each day",
        [HeldFields.Email] = "their work e-mail addresses can be sent convincing phishing that uses the other details",
    };

    /// <summary>The report as drawn now; null when there is no such incident.</summary>
    public async Task<BreachReport?> DrawAsync(int incidentId, CancellationToken cancellationToken = default)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var exposures = db.Exposures.AsNoTracking().Where(e => e.IncidentId == incidentId);
        var byType = await exposures.Join(db.People, e => e.PersonId, p => p.Id, (e, p) => p.PersonnelType).GroupBy(t => t)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var people = byType.Values.Sum();
        var flags = await exposures.GroupBy(e => e.Fields).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // Each field's rows in the whole manifest where it was recorded (it lists former officers and staff too); else the exposures'.
        var manifestCounts = (incident.ManifestFieldCounts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('='))
            .Where(pair => pair.Length == 2 && int.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var fieldsHeld = DataFieldCatalogue.All
            .Select(f => (FieldName(f), manifestCounts.TryGetValue(f.Key, out var rows) ? rows : flags.Where(x => x.Key.HasFlag(f.Flag)).Sum(x => x.Count)))
            .Where(f => f.Item2 > 0).ToList();
        var heldAny = flags.Aggregate(HeldFields.None, (all, x) => all | x.Key);
        // The manifest's rows: people in the personnel records, and those it listed who are not (former officers and staff).
        var unmatched = incident.ManifestUnmatched ?? 0;
        var categories = Enum.GetValues<PersonnelType>().Where(byType.ContainsKey).Select(t => (Category(t), byType[t])).ToList();
        if (unmatched > 0)
        {
            categories.Add((NotInRecords, unmatched));
        }

        var campaigns = await db.NoticeCampaigns.AsNoTracking().Where(c => c.IncidentId == incidentId && c.StartedUtc != null).OrderBy(c => c.StartedUtc)
            .Select(c => new
            {
                c.Subject,
                c.StartedUtc,
                Recipients = db.Deliveries.Count(d => d.CampaignId == c.Id && d.Status != DeliveryStatus.Cancelled),
                Delivered = db.Deliveries.Count(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Sent),
                Confirmed = db.Acknowledgements.Count(a => a.CampaignId == c.Id),
            }).ToListAsync(cancellationToken);

        var since = UkTime.StartOfDay(incident.DiscoveredOn);
        var requests = db.SupportRequests.AsNoTracking().Where(r => r.CreatedUtc >= since && r.Type != SupportRequestType.WelfareCall && exposures.Any(e => e.PersonId == r.PersonId));
        var support = await requests.GroupBy(r => r.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var askers = await requests.Select(r => r.PersonId).Distinct().CountAsync(cancellationToken);
        var guidance = await db.GuidanceArticles.AsNoTracking().Where(a => a.Status == GuidanceStatus.Published).OrderBy(a => a.DisplayOrder)
            .Select(a => new { a.Title, a.LastReviewedOn }).ToListAsync(cancellationToken);

        var saved = await db.BreachReportVersions.AsNoTracking().Where(v => v.IncidentId == incidentId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var text = saved is null
            ? new BreachReportText(
                $"{incident.Summary.Trim().TrimEnd('.')}. Source: {incident.Source.Trim().TrimEnd('.')}.",
                FirstConsequences(heldAny),
                "",
                null,
                null,
                0,
                null,
                null)
            : new BreachReportText(saved.Nature, saved.LikelyConsequences, saved.OtherMeasures, saved.ReportedOn, saved.DelayReasons, saved.Version, saved.SavedUtc,
                await NameAsync(saved.SavedByPersonId, saved.SavedBySubject, cancellationToken));

        return new BreachReport(
            incident.Id, incident.Reference, incident.Title, incident.Source, incident.Status, incident.OccurredOn, incident.DiscoveredOn,
            categories,
            people + unmatched,
            incident.ManifestRows ?? people + unmatched,
            fieldsHeld,
            [.. incident.NotIncluded, .. DataFieldCatalogue.All.Where(f => !heldAny.HasFlag(f.Flag)).Select(FieldName)],
            [.. campaigns.Select(c => new BreachReportNotice(c.Subject, c.StartedUtc, c.Recipients, c.Delivered, c.Confirmed))],
            [.. support.OrderByDescending(s => s.Count).Select(s => (SupportWorkflow.Describe(s.Key), s.Count))],
            support.Sum(s => s.Count),
            askers,
            [.. guidance.Select(g => (g.Title, g.LastReviewedOn))],
            portal.Value.DataProtectionOfficer,
            text,
            clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Saves the administrator's words as the next version. Refused with what is wrong when a part is too long, the date
    /// is before the breach was discovered or in the future, or it was reported late without the reasons; refused as a
    /// conflict when someone saved a version after <paramref name="expectedVersion"/>.
    /// </summary>
    public async Task<int?> SaveAsync(Actor actor, int incidentId, int expectedVersion, BreachReportEdits edits, CancellationToken cancellationToken = default)
    {
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => new { i.DiscoveredOn }).SingleOrDefaultAsync(cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new List<FieldProblem>();
        string Clean(string? text, string field, string name, bool required)
        {
            var value = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (required && value.Length == 0)
            {
                problems.Add(new FieldProblem(field, $"Enter {name}."));
            }
            else if (value.Length > TextMaxLength)
            {
                problems.Add(new FieldProblem(field, $"{char.ToUpperInvariant(name[0])}{name[1..]} must be {TextMaxLength:N0} characters or fewer; it is {value.Length:N0}."));
            }

            return value;
        }

        var nature = Clean(edits.Nature, nameof(edits.Nature), "the nature of the breach", required: true);
        var consequences = Clean(edits.LikelyConsequences, nameof(edits.LikelyConsequences), "the likely consequences", required: true);
        var measures = Clean(edits.OtherMeasures, nameof(edits.OtherMeasures), "the other measures", required: false);
        var reasons = Clean(edits.DelayReasons, nameof(edits.DelayReasons), "the reasons for the delay", required: false);
        var today = UkTime.DateOf(now);
        if (edits.ReportedOn is { } reported)
        {
            if (reported < incident.DiscoveredOn)
            {
                problems.Add(new FieldProblem(nameof(edits.ReportedOn), $"The date it was reported must be on or after the day it was discovered, {incident.DiscoveredOn.ToString("d MMMM yyyy", UkEnglish.Culture)}."));
            }
            else if (reported > today)
            {
                problems.Add(new FieldProblem(nameof(edits.ReportedOn), "The date it was reported must be today or in the past."));
            }
            else if (BreachReport.IsLate(incident.DiscoveredOn, reported) && reasons.Length == 0)
            {
                problems.Add(new FieldProblem(nameof(edits.DelayReasons), "It was reported more than 72 hours after it was discovered: give the reasons for the delay (Article 33(1))."));
            }
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var version = expectedVersion + 1;
        if (await db.BreachReportVersions.AnyAsync(v => v.IncidentId == incidentId && v.Version >= version, cancellationToken))
        {
            throw new ConflictException(ConflictMessage);
        }

        db.BreachReportVersions.Add(new BreachReportVersion
        {
            IncidentId = incidentId,
            Version = version,
            SavedUtc = now,
            SavedByPersonId = actor.PersonId,
            SavedBySubject = actor.Subject,
            Nature = nature,
            LikelyConsequences = consequences,
            OtherMeasures = measures,
            ReportedOn = edits.ReportedOn,
            DelayReasons = reasons.Length == 0 ? null : reasons,
        });
        audit.Add(actor, AuditActions.BreachReportSaved, null, IncidentAdmin.Target(incidentId), $"version {version}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same version at once: the unique version lets one land.
            db.ChangeTracker.Clear();
            throw new ConflictException(ConflictMessage);
        }

        return version;
    }

    public async Task<IReadOnlyList<(int Version, DateTime SavedUtc, string SavedBy)>> VersionsAsync(int incidentId, CancellationToken cancellationToken = default) =>
        [.. (await db.BreachReportVersions.AsNoTracking().Where(v => v.IncidentId == incidentId).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.SavedUtc, v.SavedBySubject, Name = db.People.Where(p => p.Id == v.SavedByPersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() })
            .ToListAsync(cancellationToken)).Select(v => (v.Version, v.SavedUtc, v.Name ?? v.SavedBySubject))];

    private async Task<string> NameAsync(int? personId, string subject, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(cancellationToken) ?? subject;

    /// <summary>The report as a Word document, drawn now, audited.</summary>
    public async Task<(string FileName, byte[] Content)?> DownloadAsync(Actor actor, int incidentId, CancellationToken cancellationToken = default)
    {
        if (await DrawAsync(incidentId, cancellationToken) is not { } report)
        {
            return null;
        }

        var content = BreachReportDocument.Write(report, portal.Value);
        audit.Add(actor, AuditActions.BreachReportDownloaded, null, IncidentAdmin.Target(incidentId), $"version {report.Text.Version}");
        await db.SaveChangesAsync(cancellationToken);
        return ($"breach-report-{report.Reference}-v{report.Text.Version}.docx", content);
    }

    public const string NotInRecords = "Listed in the manifest but not in the current personnel records (former officers and staff)";

    public static string Category(PersonnelType type) => type switch
    {
        PersonnelType.Officer => "Police officers",
        PersonnelType.Staff => "Police staff",
        PersonnelType.Volunteer => "Volunteers (special constables and police support volunteers)",
        _ => "Contractors",
    };

    /// <summary>A field as the report names it: "Your photo" is "Photo".</summary>
    public static string FieldName(DataField field) =>
        field.Name.StartsWith("Your ", StringComparison.Ordinal) ? char.ToUpperInvariant(field.Name[5]) + field.Name[6..] : field.Name;

    /// <summary>A first draft of the likely consequences, from the fields the incident held: the administrator makes it theirs.</summary>
    public static string FirstConsequences(HeldFields held)
    {
        var parts = DataFieldCatalogue.All.Where(f => held.HasFlag(f.Flag) && Consequences.ContainsKey(f.Flag)).Select(f => Consequences[f.Flag]).ToList();
        return parts.Count == 0
            ? "No personal data is known to have been held."
            : "Officers and staff could be identified, located and targeted: " + string.Join("; ", parts) + ". Together these raise the risk of "
              + "harassment, intimidation and violence against them and their families, of approaches by criminals and hostile states, and of fraud "
              + "and impersonation. The risk is highest for those in covert, specialist and protection roles.";
    }
}

/// <summary>What an administrator writes in the report: the parts the data cannot say.</summary>
public sealed record BreachReportEdits(string? Nature, string? LikelyConsequences, string? OtherMeasures, DateOnly? ReportedOn, string? DelayReasons);
