using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices.Mail;
using Portal.Core.Validation;

namespace Portal.Core.Notices;

/// <summary>Sends a campaign's notice, as it would reach them, to the administrator composing it — and records that they did.</summary>
public sealed class TestNotices(PortalDbContext db, NoticeMessages messages, MailConnectionPool mail, AuditLog audit)
{
    /// <summary>Sends the test to <paramref name="email"/>, greeting the sender by <paramref name="givenName"/> and <paramref name="rank"/>.</summary>
    /// <exception cref="RefusedException">There is no address to send to, or the relay would not take it (field <c>test</c>).</exception>
    public async Task SendAsync(int campaignId, Actor sender, string? email, string givenName, string rank, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new RefusedException("test", "Your sign-in has no e-mail address to send a test to.");
        }

        var campaign = await db.NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        var message = messages.BuildTest(campaign, await db.IncidentTitleAsync(campaign.IncidentId, cancellationToken), givenName, rank, email);
        var connection = await mail.RentAsync(cancellationToken);
        try
        {
            await connection.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new RefusedException("test", $"The test could not be sent: {MailFailure.Classify(exception).Reason}. Check the mail settings, then try again.");
        }
        finally
        {
            await mail.ReturnAsync(connection);
        }

        await audit.RecordAsync(sender, AuditActions.CampaignTestSent, sender.PersonId, Campaigns.Target(campaignId), cancellationToken: cancellationToken);
    }
}
