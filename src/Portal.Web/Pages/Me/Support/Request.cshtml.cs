using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Support;

/// <summary>One of my requests: its progress and its messages. Another person's reference is simply not found.</summary>
public sealed class RequestModel(PortalDbContext db, CurrentPerson currentPerson, SupportRequests requests, AccessRefusals refusals) : PageModel
{
    public const string FlashKey = "SupportFlash";

    [BindProperty(SupportsGet = true)]
    public required string Reference { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    public MyRequest Mine { get; private set; } = null!;
    public IReadOnlyList<ThreadMessage> Messages { get; private set; } = [];
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    [RateLimited(RateLimits.Messages)]
    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await requests.ReplyAsync(Mine.PersonId, Mine.Id, Reply ?? "", cancellationToken);
        }
        catch (ConflictException)
        {
            ModelState.AddModelError(nameof(Reply), "The welfare team updated this request while you were writing. Your message has not been sent: check it and send it again.");
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, nameof(Reply));
            return Page();
        }

        TempData[FlashKey] = "Your message has been sent";
        return RedirectToPage(new { reference = Mine.Reference });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await requests.WithdrawAsync(Mine.PersonId, Mine.Id, cancellationToken);
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "withdraw");
            return Page();
        }

        TempData[FlashKey] = "Your request has been withdrawn";
        return RedirectToPage(new { reference = Mine.Reference });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await currentPerson.GetIdAsync(cancellationToken) is not { } personId || !SupportReference.TryParse(Reference, out var id))
        {
            return false;
        }

        var request = await db.SupportRequests.AsNoTracking().Where(r => r.Id == id && r.PersonId == personId)
            .Select(r => new MyRequest(r.Id, r.PersonId, SupportReference.Format(r.Id), r.Type, r.StatedUrgency, r.Description, r.ContactMethod, r.ContactPhone,
                r.Status, r.CreatedUtc, r.NextUpdateDueUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            await refusals.SupportRequestAsync(id, cancellationToken);
            return false;
        }

        Mine = request;
        Reference = request.Reference;
        Messages = await db.SupportMessages.AsNoTracking().Where(m => m.SupportRequestId == id).OrderBy(m => m.SentUtc).ThenBy(m => m.Id)
            .Select(m => new ThreadMessage(m.SentUtc, m.FromRequester, m.Body))
            .ToListAsync(cancellationToken);
        Flash = TempData[FlashKey] as string;
        return true;
    }
}

public sealed record MyRequest(int Id, int PersonId, string Reference, SupportRequestType Type, StatedUrgency StatedUrgency, string Description, ContactMethod ContactMethod,
    string? ContactPhone, SupportRequestStatus Status, DateTime CreatedUtc, DateTime? NextUpdateDueUtc)
{
    public bool IsOpen => SupportWorkflow.IsOpen(Status);
    public bool CanWithdraw => SupportWorkflow.CanMove(Status, SupportRequestStatus.Withdrawn);
}

public sealed record ThreadMessage(DateTime SentUtc, bool FromRequester, string Body);
