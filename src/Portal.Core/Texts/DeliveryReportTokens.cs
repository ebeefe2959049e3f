using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Portal.Core.Notices;

namespace Portal.Core.Texts;

/// <summary>
/// The address the gateway calls with a text's delivery report. It names the text and carries a token made from
/// its id with the portal's data-protection keys (shared by every node), so a report nobody was asked for is ignored.
/// </summary>
public sealed class DeliveryReportTokens(IDataProtectionProvider provider, IOptions<NoticeOptions> notices)
{
    public const string Path = "/texts/report";

    private readonly IDataProtector protector = provider.CreateProtector("Portal.Texts.DeliveryReport.v1");

    /// <summary>The dlr-url for Kannel: it fills in %d (the report type) and %A (the centre's answer).</summary>
    public string UrlFor(long textId) =>
        string.Create(CultureInfo.InvariantCulture, $"{notices.Value.PortalUrl.TrimEnd('/')}{Path}?m={textId}&t={TokenFor(textId)}&status=%d&answer=%A");

    public string TokenFor(long textId) => Base64Url.EncodeToString(protector.Protect(Encoding.ASCII.GetBytes(textId.ToString(CultureInfo.InvariantCulture))));

    /// <summary>True when the token was made for this text.</summary>
    public bool IsValid(long textId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            var named = protector.Unprotect(Base64Url.DecodeFromChars(token));
            return CryptographicOperations.FixedTimeEquals(named, Encoding.ASCII.GetBytes(textId.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }
}
