using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Domain;
using Portal.Core.Notices.Mail;

namespace Portal.Core.Notices;

/// <summary>One recipient of a batch, as the sender needs them: never more than the placeholders can show.</summary>
public sealed record NoticeRecipient(long DeliveryId, int PersonId, string GivenName, string Rank, string Email, int Attempts);

/// <summary>Builds the e-mail for one recipient of a campaign: plain text, the placeholders filled, and a Message-ID fixed per delivery.</summary>
public sealed class NoticeMessages(IOptions<MailOptions> mail, IOptions<NoticeOptions> notices)
{
    private readonly string portalUrl = notices.Value.PortalUrl.TrimEnd('/');
    private readonly string messageIdDomain = new Uri(notices.Value.PortalUrl).Host;

    public string PortalLink => portalUrl + "/";

    public string NoticeLink(int campaignId) => $"{portalUrl}/notices/{campaignId}";

    public NoticeValues ValuesFor(NoticeCampaign campaign, string? incidentTitle, string givenName, string rank) =>
        new(givenName, rank, PortalLink, NoticeLink(campaign.Id), incidentTitle ?? string.Empty);

    /// <summary>The message for a delivery row. The same row always gets the same Message-ID, so a resend can be recognised.</summary>
    public MimeMessage Build(NoticeCampaign campaign, string? incidentTitle, NoticeRecipient recipient) =>
        Build(campaign, ValuesFor(campaign, incidentTitle, recipient.GivenName, recipient.Rank), recipient.Email,
            $"delivery-{recipient.DeliveryId}.campaign-{campaign.Id}@{messageIdDomain}");

    /// <summary>A test of the campaign sent to the administrator composing it.</summary>
    public MimeMessage BuildTest(NoticeCampaign campaign, string? incidentTitle, string givenName, string rank, string email)
    {
        var message = Build(campaign, ValuesFor(campaign, incidentTitle, givenName, rank), email, $"test-{Guid.NewGuid():N}.campaign-{campaign.Id}@{messageIdDomain}");
        message.Subject = "[Test] " + message.Subject;
        return message;
    }

    private MimeMessage Build(NoticeCampaign campaign, NoticeValues values, string email, string messageId)
    {
        var message = new MimeMessage { MessageId = messageId, Subject = NoticeTemplate.Render(campaign.Subject, values) };
        message.From.Add(new MailboxAddress(mail.Value.FromName, mail.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(email));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = NoticeTemplate.Render(campaign.BodyTemplate, values) };
        return message;
    }
}
