using Microsoft.Extensions.Options;
using Portal.Core.Notices;

namespace Portal.Core.Texts;

/// <summary>
/// The one text a notice's ladder sends: the force's name, that there is news for them, and the portal's address.
/// Never anything about what was held; always within one GSM-7 message for a force name and address of ordinary length.
/// </summary>
public sealed class NoticeTexts(IOptions<PortalOptions> portal, IOptions<NoticeOptions> notices)
{
    public string Text { get; } = GsmAlphabet.Simplify(
        $"{portal.Value.OrganisationName}: there is news for you in the {portal.Value.ServiceName}. Sign in to read it: {notices.Value.PortalUrl.TrimEnd('/')}/");
}
