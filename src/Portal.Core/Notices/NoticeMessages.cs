using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Domain;
using Portal.Core.Notices.Mail;

namespace Portal.Core.Notices;

/// <summary>Builds the e-mail for one recipient of a campaign: plain text, the placeholders filled, and a Message-ID fixed per delivery.</summary>
public sealed class NoticeMessages(IOptions<MailOptions> mail, IOptions<NoticeOptions> notices)
{
    private readonly IOptions<MailOptions> mail = mail;
    private readonly string portalUrl = notices.Value.PortalUrl.TrimEnd('/');
    private readonly string messageIdDomain = new Uri(notices.Value.PortalUrl).Host;

    public string PortalLink { get; } = notices.Value.PortalUrl.TrimEnd('/') + "/";

    public string NoticeLink(int campaignId) => $"{portalUrl}/notices/{campaignId}";

    public NoticeValues ValuesFor(NoticeCampaign campaign, string? incidentTitle, string givenName, string rank) =>
        new(givenName, rank, PortalLink, NoticeLink(campaign.Id), incidentTitle ?? string.Empty);

    /// <summary>The messages of one campaign, with its subject and body split into text and placeholders once.</summary>
    public CampaignMessages For(NoticeCampaign campaign, string? incidentTitle) => new(this, campaign, incidentTitle);

    /// <summary>A test of the campaign sent to the administrator composing it.</summary>
    public MimeMessage BuildTest(NoticeCampaign campaign, string? incidentTitle, string givenName, string rank, string email)
    {
        var message = For(campaign, incidentTitle).Build(givenName, rank, email, $"test-{Guid.NewGuid():N}.campaign-{campaign.Id}@{messageIdDomain}");
        message.Subject = "[Test] " + message.Subject;
        return message;
    }

    /// <summary>Builds the messages of one campaign.</summary>
    public sealed class CampaignMessages
    {
        private readonly NoticeMessages owner;
        private readonly NoticeCampaign campaign;
        private readonly string? incidentTitle;
        private readonly CompiledNoticeTemplate subject;
        private readonly CompiledNoticeTemplate body;
        private readonly string noticeLink;

        internal CampaignMessages(NoticeMessages owner, NoticeCampaign campaign, string? incidentTitle)
        {
            this.owner = owner;
            this.campaign = campaign;
            this.incidentTitle = incidentTitle;
            subject = NoticeTemplate.Compile(campaign.Subject);
            body = NoticeTemplate.Compile(campaign.BodyTemplate);
            noticeLink = owner.NoticeLink(campaign.Id);
        }

        /// <summary>
        /// The ladder's reminder for one person: the notice again, its subject marked as a reminder and a line before it
        /// saying why. Its Message-ID names the ladder's row, so a resend can be recognised.
        /// </summary>
        public MimeMessage BuildReminder(long outreachId, string givenName, string rank, string email)
        {
            var message = Build(givenName, rank, email, $"reminder-{outreachId}.campaign-{campaign.Id}@{owner.messageIdDomain}");
            message.Subject = "Reminder: " + message.Subject;
            var text = (TextPart)message.Body!;
            text.Text = "We have not yet seen you confirm that you have read this notice. Please sign in to read it, then choose \"I have read this\".\n\n" + text.Text;
            return message;
        }

        /// <summary>The message for a delivery row. The same row always gets the same Message-ID, so a resend can be recognised.</summary>
        public MimeMessage Build(NoticeRecipient recipient) =>
            Build(recipient.GivenName, recipient.Rank, recipient.Email, $"delivery-{recipient.DeliveryId}.campaign-{campaign.Id}@{owner.messageIdDomain}");

        internal MimeMessage Build(string givenName, string rank, string email, string messageId)
        {
            var values = new NoticeValues(givenName, rank, owner.PortalLink, noticeLink, incidentTitle ?? string.Empty);
            var message = new MimeMessage { MessageId = messageId, Subject = Validation.BidiControls.Strip(subject.Render(values)) };
            message.From.Add(new MailboxAddress(owner.mail.Value.FromName, owner.mail.Value.FromAddress));
            message.To.Add(MailboxAddress.Parse(email));
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Body = new TextPart("plain") { Text = body.Render(values) };
            return message;
        }
    }
}
