using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Core.Incidents;
using Portal.Core.Notices;
using Portal.Core.Text;

namespace Portal.Core.Evidence;

/// <summary>
/// One chronological record of how an incident was handled, for the regulator or an inquiry: from the audit trail,
/// everything done to the incident, its notices (each version of their text by its hash, approvals, sends, pauses) and
/// its imports, and each version of the report to the regulator; the decisions with their reasons; each notice's text
/// as sent; and the sends themselves, a line for each minute in which its e-mails were handed to the relay.
/// </summary>
public sealed class IncidentEvidence(PortalDbContext db, AuditLog audit, IOptions<PortalOptions> portal, TimeProvider clock)
{
    public static readonly string[] Headers = ["When (UK time)", "What", "Who", "Detail"];

    public async Task<IncidentEvidenceRecord?> BuildAsync(int incidentId, CancellationToken cancellationToken = default)
    {
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => new { i.Reference, i.Title }).SingleOrDefaultAsync(cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var campaigns = await db.NoticeCampaigns.AsNoTracking().Where(c => c.IncidentId == incidentId)
            .Select(c => new { c.Id, c.Subject, c.BodyTemplate, c.StartedUtc }).ToListAsync(cancellationToken);
        var imports = await db.ImportRuns.AsNoTracking().Where(r => r.IncidentId == incidentId).Select(r => r.Id).ToListAsync(cancellationToken);
        var targets = new List<string> { IncidentAdmin.Target(incidentId) };
        targets.AddRange(campaigns.Select(c => Campaigns.Target(c.Id)));
        targets.AddRange(imports.Select(ImportRuns.Target));

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Target != null && targets.Contains(e.Target) && e.Action != AuditActions.DecisionRecorded)
            .OrderBy(e => e.Id).Select(e => new { e.OccurredUtc, e.Action, e.ActorPersonId, e.ActorSubject, e.Target, e.Detail }).ToListAsync(cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.IncidentId == incidentId).ToListAsync(cancellationToken);
        var actorIds = events.Select(e => e.ActorPersonId).Concat(decisions.Select(d => d.RecordedByPersonId)).OfType<int>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => actorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, cancellationToken);
        string Who(int? personId, string subject) => personId is { } id && names.TryGetValue(id, out var name) ? name : subject;

        var entries = new List<EvidenceEntry>();
        entries.AddRange(events.Select(e => new EvidenceEntry(e.OccurredUtc, Describe(e.Action), Who(e.ActorPersonId, e.ActorSubject),
            string.Join(" · ", new[] { e.Target, e.Detail }.Where(x => !string.IsNullOrEmpty(x))))));
        entries.AddRange(decisions.Select(d => new EvidenceEntry(d.RecordedUtc, "Decision recorded", Who(d.RecordedByPersonId, d.RecordedBySubject),
            $"{d.What} Reasons: {d.Why}" + (d.CampaignId is { } c ? $" · {Campaigns.Target(c)}" : ""))));
        foreach (var campaign in campaigns.Where(c => c.StartedUtc is not null))
        {
            entries.Add(new EvidenceEntry(campaign.StartedUtc!.Value, "Notice text as sent", "",
                $"{Campaigns.Target(campaign.Id)} · text {Campaigns.TextHash(campaign.Subject, campaign.BodyTemplate)} · Subject: {campaign.Subject} · Body: {campaign.BodyTemplate}"));
        }

        var ids = campaigns.Select(c => c.Id).ToList();
        // Counted by the database a minute at a time: a campaign to everyone is about thirty rows here, not 47,000.
        var sent = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.CampaignId) && d.SentUtc != null)
            .GroupBy(d => new { d.CampaignId, d.SentUtc!.Value.Date, d.SentUtc.Value.Hour, d.SentUtc.Value.Minute })
            .Select(g => new { g.Key.CampaignId, First = g.Min(d => d.SentUtc!.Value), Count = g.Count() }).ToListAsync(cancellationToken);
        entries.AddRange(sent.Select(g => new EvidenceEntry(g.First, "Notices handed to the mail relay", "",
            $"{Campaigns.Target(g.CampaignId)} · {g.Count:N0} in the minute from {UkTime.Format(g.First, "HH:mm")}")));

        return new IncidentEvidenceRecord(incident.Reference, incident.Title, clock.GetUtcNow().UtcDateTime,
            [.. entries.OrderBy(e => e.WhenUtc).ThenBy(e => e.What, StringComparer.Ordinal)]);
    }

    /// <summary>The record as a spreadsheet-safe CSV, or a PDF; audited. Null when there is no such incident.</summary>
    public async Task<(string FileName, string ContentType, byte[] Content)?> ExportAsync(Actor actor, int incidentId, bool pdf, CancellationToken cancellationToken = default)
    {
        if (await BuildAsync(incidentId, cancellationToken) is not { } record)
        {
            return null;
        }

        var content = pdf ? EvidencePdf.Render(record, portal.Value) : Csv(record);
        audit.Add(actor, AuditActions.EvidenceExported, null, IncidentAdmin.Target(incidentId), pdf ? "PDF" : "CSV");
        await db.SaveChangesAsync(cancellationToken);
        return ($"evidence-{record.Reference}.{(pdf ? "pdf" : "csv")}", pdf ? "application/pdf" : "text/csv; charset=utf-8", content);
    }

    private static byte[] Csv(IncidentEvidenceRecord record)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, SafeCsv.Configuration))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var entry in record.Entries)
            {
                csv.WriteField(UkTime.Format(entry.WhenUtc, "yyyy-MM-dd HH:mm:ss"));
                csv.WriteField(entry.What);
                csv.WriteField(entry.Who);
                csv.WriteField(entry.Detail);
                csv.NextRecord();
            }
        }

        return memory.ToArray();
    }

    /// <summary>An audit action as a reader of the record says it: "campaign.approved" is "Campaign approved".</summary>
    public static string Describe(string action)
    {
        var words = action.Replace('.', ' ').Replace('_', ' ');
        return char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}

/// <summary>An incident's evidence record: every entry, in order.</summary>
public sealed record IncidentEvidenceRecord(string Reference, string Title, DateTime DrawnUtc, IReadOnlyList<EvidenceEntry> Entries);

/// <summary>One line of the record.</summary>
public sealed record EvidenceEntry(DateTime WhenUtc, string What, string Who, string Detail);
