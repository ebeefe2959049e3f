using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>Reads a campaign's <see cref="CampaignSummary"/>.</summary>
public sealed class CampaignSummaries(PortalDbContext db, CampaignAudience audience)
{
    public Task<bool> ExistsAsync(int campaignId, CancellationToken cancellationToken) =>
        db.NoticeCampaigns.AnyAsync(c => c.Id == campaignId, cancellationToken);

    public async Task<CampaignSummary?> FindAsync(int campaignId, CancellationToken cancellationToken)
    {
        if (await db.NoticeCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken) is not { } campaign)
        {
            return null;
        }

        var audienceDetail = campaign.Audience switch
        {
            AudienceKind.Incident => await db.IncidentTitleAsync(campaign.AudienceIncidentId, cancellationToken) ?? string.Empty,
            AudienceKind.Units => string.Join(", ", campaign.AudienceUnits),
            AudienceKind.ExposureChanged when campaign.AudienceImportRunId is { } run => await db.ImportRuns.AsNoTracking().Where(r => r.Id == run)
                .Select(r => r.FileName).SingleOrDefaultAsync(cancellationToken) is { } file ? $"the import of {file}" : string.Empty,
            AudienceKind.ExposureChanged => campaign.AudienceChangedSinceUtc is { } since ? "changes since " + Text.UkTime.Format(since, "d MMMM yyyy") : string.Empty,
            AudienceKind.NotAcknowledged => await db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaign.AudienceCampaignId).Select(c => c.Subject).SingleOrDefaultAsync(cancellationToken) ?? string.Empty,
            _ => string.Empty,
        };
        var recipients = campaign.Status is CampaignStatus.Draft or CampaignStatus.AwaitingApproval or CampaignStatus.Scheduled
            ? await audience.CountAsync(campaign, cancellationToken)
            : campaign.RecipientCount ?? 0;
        var approvedBy = await NameAsync(campaign.ApprovedByPersonId, cancellationToken) ?? (campaign.ApprovedUtc is null ? null : "another administrator");
        return new CampaignSummary(campaign, await db.IncidentTitleAsync(campaign.IncidentId, cancellationToken), audienceDetail, recipients,
            await NameAsync(campaign.CreatedByPersonId, cancellationToken), approvedBy);
    }

    private async Task<string?> NameAsync(int? personId, CancellationToken cancellationToken) =>
        personId is { } id ? await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.GivenName + " " + p.FamilyName).SingleOrDefaultAsync(cancellationToken) : null;
}
