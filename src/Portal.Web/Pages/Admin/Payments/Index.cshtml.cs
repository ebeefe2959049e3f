using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Payments;

/// <summary>
/// Payment files for payroll: the approved claims waiting, an export that takes each of them into exactly one file,
/// each file to download again (the same bytes) and to mark paid once payroll has paid it.
/// </summary>
public sealed class IndexModel(PortalDbContext db, PaymentFiles files, Administrators administrators) : PageModel
{
    public const int PageSize = 25;
    public const string FlashKey = "PaymentsFlash";

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public int Waiting { get; private set; }
    public Money WaitingTotal { get; private set; }
    public IReadOnlyList<FileRow> Files { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? Flash { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Flash = TempData[FlashKey] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        var file = await files.ExportAsync(admin.Actor, cancellationToken);
        TempData[FlashKey] = file is null
            ? "There were no approved claims waiting: no file was made"
            : $"{file.Name} made: {file.ClaimCount:N0} claims, {new Money(file.TotalPence)}. Download it for payroll";
        return RedirectToPage();
    }

    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetFileAsync(int id, CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        if (await files.DownloadAsync(admin.Actor, id, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, "text/csv; charset=utf-8", file.Name);
    }

    public async Task<IActionResult> OnPostPaidAsync(int id, int version, CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            await files.MarkPaidAsync(admin.Actor, id, version, cancellationToken);
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, $"paid-{id}", _ => $"paid-{id}");
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData[FlashKey] = $"{PaymentFile.NameOf(id)} marked paid: its claims show as paid";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var waiting = db.ProtectionClaims.AsNoTracking()
            .Where(c => (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.PartlyApproved) && c.PaymentFileId == null);
        Waiting = await waiting.CountAsync(cancellationToken);
        WaitingTotal = new Money(await waiting.SumAsync(c => c.ApprovedPence ?? 0, cancellationToken));
        Total = await db.PaymentFiles.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Files = await db.PaymentFiles.AsNoTracking().OrderByDescending(f => f.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(f => new FileRow(f.Id, f.CreatedUtc, f.ClaimCount, f.TotalPence, f.Sha256, f.PaidUtc, f.Version))
            .ToListAsync(cancellationToken);
    }

    public sealed record FileRow(int Id, DateTime CreatedUtc, int ClaimCount, long TotalPence, string Sha256, DateTime? PaidUtc, int Version)
    {
        public string Name => PaymentFile.NameOf(Id);
    }
}
