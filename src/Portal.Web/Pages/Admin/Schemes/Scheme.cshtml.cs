using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Schemes;

/// <summary>Sets up a protection scheme, or changes one: every field checked where it is, version-checked, audited.</summary>
public sealed class SchemeModel(PortalDbContext db, ClaimSchemes schemes, Administrators administrators) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions =
        ["conflict", nameof(Code), nameof(Name), nameof(Covers), nameof(Kind), nameof(Amount), nameof(Audience), nameof(IncidentId), nameof(Units), nameof(OpensOn), nameof(ClosesOn), nameof(EvidenceNeeded)];

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Covers { get; set; }
    [BindProperty] public SchemeKind? Kind { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public AudienceKind? Audience { get; set; }
    [BindProperty] public int? IncidentId { get; set; }
    [BindProperty] public string? Units { get; set; }
    [BindProperty] public string? OpensOn { get; set; }
    [BindProperty] public string? ClosesOn { get; set; }
    [BindProperty] public string? EvidenceNeeded { get; set; }

    public IReadOnlyList<(int Id, string Label)> Incidents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            if (await schemes.FindAsync(id, cancellationToken) is not { } s)
            {
                return NotFound();
            }

            (Version, Code, Name, Covers, Kind, Amount) = (s.Version, s.Code, s.Name, s.Covers, s.Kind, new Money(s.AmountPence).ToPlain());
            (Audience, IncidentId, Units, EvidenceNeeded) = (s.Audience, s.AudienceIncidentId, string.Join("\n", s.AudienceUnits), s.EvidenceNeeded);
            (OpensOn, ClosesOn) = (s.OpensOn.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture), s.ClosesOn.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        Incidents = await IncidentChoices.ListAsync(db, cancellationToken);
        return Page();
    }

    [ChecksFormVersion("Version")]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            var input = new SchemeInput(Code, Name, Covers, Kind, Amount, Audience, IncidentId, Units, OpensOn, ClosesOn, EvidenceNeeded);
            return await schemes.SaveAsync(admin.Actor, Id, Version, input, cancellationToken) is null
                ? NotFound()
                : RedirectToPage("/Admin/Schemes/Index", new { saved = Code?.Trim().ToUpperInvariant() });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, nameof(Code));
            Incidents = await IncidentChoices.ListAsync(db, cancellationToken);
            return Page();
        }
    }
}
