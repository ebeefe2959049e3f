using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>Composes a notice, or changes a draft: subject, message, incident and audience.</summary>
public sealed class EditModel(PortalDbContext db, CampaignService campaigns, Administrators administrators) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = ["conflict", "status", "Input.Subject", "Input.Body", "Input.IncidentId", "Input.Audience", "Input.AudienceIncidentId", "Input.AudienceUnits", "Input.AudienceCampaignId", "Input.AudienceImportRunId", "Input.AudienceChangedSince",
        "Input.Ladder.Reminder", "Input.Ladder.Text", "Input.Ladder.Letter", "Input.Ladder.Call"];

    /// <summary>What a new notice starts from: it sends people to the portal and holds nothing about them.</summary>
    public const string StarterBody = """
        Dear ((given_name)),

        The company that printed our warrant cards and passes has told us that its systems were broken into, and that details of officers and staff were taken.

        To see whether your details were involved, and exactly which ones, sign in to the Exposure Portal:

        ((notice_link))

        This e-mail does not contain any of your details, and we will never ask for them by e-mail or phone. If someone contacts you claiming to be from the portal, do not reply: tell your line manager.

        Please confirm in the portal that you have read this notice.
        """;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Label)> Incidents { get; private set; } = [];
    public IReadOnlyList<string> Units { get; private set; } = [];
    public IReadOnlyList<(int Id, string Subject)> SentCampaigns { get; private set; } = [];

    /// <summary>Manifest imports that have been applied, newest first: each changed some people's exposure.</summary>
    public IReadOnlyList<(int Id, string Label)> ManifestImports { get; private set; } = [];

    /// <param name="incident">From an incident's task list: a new notice starts about that incident, to the people in it.</param>
    /// <param name="incident">From an incident's task list: a notice to that incident's people.</param>
    /// <param name="scheme">From a protection scheme: a notice announcing it to the people who may claim.</param>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "incident")] int? incident, [FromQuery(Name = "scheme")] int? scheme, CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var campaign = await db.NoticeCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (campaign is null)
            {
                return NotFound();
            }

            if (campaign.Status != CampaignStatus.Draft)
            {
                return RedirectToPage("Campaign", new { id });
            }

            Input = CampaignInput.From(campaign);
        }

        await LoadAsync(cancellationToken);
        if (Id is null && incident is { } about && Incidents.Any(i => i.Id == about))
        {
            (Input.IncidentId, Input.Audience, Input.AudienceIncidentId) = (about, AudienceKind.Incident, about);
        }

        if (Id is null && scheme is { } schemeId && await db.ProtectionSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schemeId, cancellationToken) is { } announced)
        {
            Input.Subject = $"You can claim: {announced.Name}";
            Input.Body = Announcement(announced);
            (Input.Audience, Input.AudienceIncidentId, Input.AudienceUnits) = (announced.Audience, announced.AudienceIncidentId, [.. announced.AudienceUnits]);
            Input.IncidentId = announced.AudienceIncidentId;
        }

        return Page();
    }

    /// <summary>A notice announcing a scheme to the people who may claim on it: what it pays for, how much, until when, and where to claim.</summary>
    public static string Announcement(ProtectionScheme scheme)
    {
        var amount = new Portal.Core.Claims.Money(scheme.AmountPence);
        var pays = scheme.Kind == SchemeKind.FlatPayment ? $"It pays {amount} once, with your salary." : $"It pays back what you spend, up to {amount} in all, with your salary.";
        return $"""
            Dear ((given_name)),

            The force will pay towards protective measures you arrange yourself: {scheme.Name}.

            {scheme.Covers}

            {pays} Claims are taken from {scheme.OpensOn.ToString("d MMMM yyyy", UkEnglish.Culture)} to {scheme.ClosesOn.ToString("d MMMM yyyy", UkEnglish.Culture)}. {scheme.EvidenceNeeded}

            To claim, sign in to the Exposure Portal and open "Your claims":

            ((notice_link))

            This e-mail does not contain any of your details, and we will never ask for them by e-mail or phone.
            """;
    }

    [ChecksFormVersion("Input.Version")]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            if (Id is { } id)
            {
                await campaigns.UpdateAsync(admin.Actor, id, Input.Version, Input.ToDraft(), cancellationToken);
            }
            else
            {
                Id = await campaigns.CreateAsync(admin.Actor, Input.ToDraft(), cancellationToken);
            }
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "status", field => field == "status" ? field : "Input." + field);

            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("Preview", new { id = Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Incidents = await IncidentChoices.ListAsync(db, cancellationToken);
        Units = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Active).Select(p => p.Unit).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
        ManifestImports = (await db.ImportRuns.AsNoTracking().Where(r => r.Kind == Portal.Core.Imports.ImportKind.Manifest && r.Status == ImportRunStatus.Applied)
            .OrderByDescending(r => r.AppliedUtc).Select(r => new { r.Id, r.FileName, r.AppliedUtc, r.Added, r.Changed, r.Removed }).ToListAsync(cancellationToken))
            .Select(r => (r.Id, $"{r.FileName}, applied {UkTime.Format(r.AppliedUtc ?? DateTime.UtcNow, "d MMMM yyyy")} ({r.Added + r.Changed + r.Removed:N0} people changed)")).ToList();
        SentCampaigns = (await db.NoticeCampaigns.AsNoTracking().Where(c => c.StartedUtc != null).OrderByDescending(c => c.StartedUtc).Select(c => new { c.Id, c.Subject }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Subject)).ToList();
    }
}

/// <summary>The campaign form, as posted.</summary>
public sealed class CampaignInput
{
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public int? IncidentId { get; set; }
    public AudienceKind? Audience { get; set; }
    public int? AudienceIncidentId { get; set; }
    public List<string> AudienceUnits { get; set; } = [];
    public int? AudienceCampaignId { get; set; }
    public int? AudienceImportRunId { get; set; }

    /// <summary>As the date field sends it: yyyy-mm-dd.</summary>
    public string? AudienceChangedSince { get; set; }

    /// <summary>The escalation ladder's hours, as typed: whole numbers, or empty to leave a step out.</summary>
    public LadderDraft Ladder { get; set; } = new(null, null, null, null);

    public int Version { get; set; }

    public static CampaignInput From(NoticeCampaign campaign) => new()
    {
        Subject = campaign.Subject,
        Body = campaign.BodyTemplate,
        IncidentId = campaign.IncidentId,
        Audience = campaign.Audience,
        AudienceIncidentId = campaign.AudienceIncidentId,
        AudienceUnits = [.. campaign.AudienceUnits],
        AudienceCampaignId = campaign.AudienceCampaignId,
        AudienceImportRunId = campaign.AudienceImportRunId,
        AudienceChangedSince = campaign.AudienceChangedSinceUtc is { } since ? UkTime.Format(since, "yyyy-MM-dd") : null,
        Ladder = new(Hours(campaign.ReminderAfterHours), Hours(campaign.TextAfterHours), Hours(campaign.LetterAfterHours), Hours(campaign.CallAfterHours)),
        Version = campaign.Version,
    };

    public CampaignDraft ToDraft() => new(Subject, Body, IncidentId, Audience, AudienceIncidentId, AudienceUnits, AudienceCampaignId, Ladder, AudienceImportRunId, AudienceChangedSince);

    private static string? Hours(int? hours) => hours?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
