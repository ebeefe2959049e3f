namespace Portal.Core.Texts;

public enum SmsDelivery
{
    Pickup,
    Kannel,
}
