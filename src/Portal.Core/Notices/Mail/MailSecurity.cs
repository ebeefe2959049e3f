namespace Portal.Core.Notices.Mail;

public enum MailSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or a test server.</summary>
    None,

    /// <summary>STARTTLS, required (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}
