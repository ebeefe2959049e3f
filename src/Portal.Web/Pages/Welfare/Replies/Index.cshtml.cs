using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Welfare.Replies;

/// <summary>The team's saved replies, for the welfare leads who keep them.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(SavedReplies replies) : PageModel
{
    public IReadOnlyList<SavedReply> Replies { get; private set; } = [];
    public string? Flash { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Replies = await replies.ListAsync(cancellationToken);
        Flash = done switch
        {
            "saved" => "The reply is saved. The team can use it from any request's message box.",
            "deleted" => "The reply is deleted.",
            _ => null,
        };
    }
}
