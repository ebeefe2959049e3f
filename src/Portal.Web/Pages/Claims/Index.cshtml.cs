using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Claims;

/// <summary>The assessors' queue of claims on the protection schemes: filtered by status and scheme, oldest first, 50 a page.</summary>
[NeedsPersonRecord]
public sealed class IndexModel(PortalDbContext db, CurrentPerson currentPerson, ClaimDuplicates duplicates) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")] public ClaimStatus? Status { get; set; } = ClaimStatus.Submitted;
    [BindProperty(SupportsGet = true, Name = "scheme")] public int? SchemeId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>"mine" for the claims the assessor is working, "unassigned" for those no one is; anything else for all.</summary>
    [BindProperty(SupportsGet = true, Name = "who")] public string? Who { get; set; }

    /// <summary>The claims on this page whose evidence appears in another claim.</summary>
    public IReadOnlySet<int> Flagged { get; private set; } = new HashSet<int>();

    public IReadOnlyList<ClaimRow> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Schemes { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Schemes = [.. (await db.ProtectionSchemes.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];
        var query = db.ProtectionClaims.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (SchemeId is { } scheme)
        {
            query = query.Where(c => c.SchemeId == scheme);
        }

        var me = currentPerson.Id;
        query = Who switch
        {
            "mine" => query.Where(c => c.AssignedToPersonId == me),
            "unassigned" => query.Where(c => c.AssignedToPersonId == null),
            _ => query,
        };

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.OrderBy(c => c.SubmittedUtc).ThenBy(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c, p.GivenName, p.FamilyName, p.PayNumber })
            .Join(db.ProtectionSchemes, x => x.c.SchemeId, s => s.Id, (x, s) => new ClaimRow(
                x.c.Id, x.GivenName + " " + x.FamilyName, x.PayNumber, s.Name, x.c.ClaimedPence, x.c.SubmittedUtc, x.c.Status))
            .ToListAsync(cancellationToken);
        Flagged = await duplicates.FlaggedAsync([.. Rows.Select(r => r.Id)], cancellationToken);
    }

    public string Link(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/claims", new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString() ?? "",
        ["scheme"] = SchemeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["who"] = Who,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)!);
}

public sealed record ClaimRow(int Id, string Claimant, string PayNumber, string Scheme, long ClaimedPence, DateTime SubmittedUtc, ClaimStatus Status)
{
    public string Reference => ClaimReference.Format(Id);
}
