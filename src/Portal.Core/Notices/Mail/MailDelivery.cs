namespace Portal.Core.Notices.Mail;

public enum MailDelivery
{
    Pickup,
    Smtp,
}
