using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Incidents;
using Portal.Core.Notices;
using Portal.Core.Validation;

namespace Portal.Core.Evidence;

/// <summary>The decisions administrators record about an incident, with their reasons: written once, audited, never changed.</summary>
public sealed class Decisions(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int WhatMaxLength = 500;
    public const int WhyMaxLength = 4000;

    public async Task<int?> RecordAsync(Actor actor, int incidentId, string? what, string? why, int? campaignId, CancellationToken cancellationToken = default)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            return null;
        }

        var problems = new List<FieldProblem>();
        what = what?.Trim() ?? "";
        why = why?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (what.Length == 0)
        {
            problems.Add(new FieldProblem("What", "Enter what was decided."));
        }
        else if (what.Length > WhatMaxLength)
        {
            problems.Add(new FieldProblem("What", $"What was decided must be {WhatMaxLength} characters or fewer; it is {what.Length:N0}."));
        }

        if (why.Length == 0)
        {
            problems.Add(new FieldProblem("Why", "Enter the reasons for the decision."));
        }
        else if (why.Length > WhyMaxLength)
        {
            problems.Add(new FieldProblem("Why", $"The reasons must be {WhyMaxLength:N0} characters or fewer; they are {why.Length:N0}."));
        }

        if (campaignId is { } id && !await db.NoticeCampaigns.AnyAsync(c => c.Id == id && c.IncidentId == incidentId, cancellationToken))
        {
            problems.Add(new FieldProblem("CampaignId", "Choose one of this incident's notices, or none."));
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var decision = new Decision
        {
            IncidentId = incidentId,
            RecordedUtc = clock.GetUtcNow().UtcDateTime,
            RecordedByPersonId = actor.PersonId,
            RecordedBySubject = actor.Subject,
            What = what,
            Why = why,
            CampaignId = campaignId,
        };
        db.Decisions.Add(decision);
        audit.Add(actor, AuditActions.DecisionRecorded, null, IncidentAdmin.Target(incidentId), campaignId is { } c ? $"{what} ({Campaigns.Target(c)})" : what);
        await db.SaveChangesAsync(cancellationToken);
        return decision.Id;
    }

    public async Task<IReadOnlyList<Decision>> ListAsync(int incidentId, CancellationToken cancellationToken = default) =>
        await db.Decisions.AsNoTracking().Where(d => d.IncidentId == incidentId).OrderByDescending(d => d.RecordedUtc).ThenByDescending(d => d.Id).ToListAsync(cancellationToken);
}
