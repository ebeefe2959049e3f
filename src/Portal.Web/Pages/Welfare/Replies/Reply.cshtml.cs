using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Support;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Welfare.Replies;

/// <summary>Adds a saved reply, or changes or deletes one: welfare leads only, every change audited.</summary>
[NeedsPersonRecord]
public sealed class ReplyModel(SavedReplies replies, WelfareUsers welfareUsers) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions = ["conflict", "Title", "Body"];

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            if (await replies.FindAsync(id, cancellationToken) is not { } reply)
            {
                return NotFound();
            }

            (Title, Body, Version) = (reply.Title, reply.Body, reply.Version);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        try
        {
            return await replies.SaveAsync(me.Actor, Id, Version, Title, Body, cancellationToken) is null
                ? NotFound()
                : RedirectToPage("/Welfare/Replies/Index", new { done = "saved" });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "Title");
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var me = await welfareUsers.GetAsync(cancellationToken);
        return Id is { } id && await replies.DeleteAsync(me.Actor, id, cancellationToken)
            ? RedirectToPage("/Welfare/Replies/Index", new { done = "deleted" })
            : NotFound();
    }
}
