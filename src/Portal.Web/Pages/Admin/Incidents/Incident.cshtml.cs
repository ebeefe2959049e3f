using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Incidents;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Incidents;

/// <summary>Records a new incident, or changes one and posts dated updates to the timeline staff read.</summary>
public sealed class IncidentModel(PortalDbContext db, IncidentAdmin incidents, Administrators administrators) : PageModel, IHasErrorOrder
{
    private static readonly string[] Questions =
        ["Input.Reference", "Input.Title", "Input.Source", "Input.Summary", "Input.Status", "Input.OccurredOn", "Input.DiscoveredOn", "Input.NotIncluded", "UpdateText", "FieldNote"];

    public IReadOnlyList<string> ErrorOrder => Questions;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public IncidentInput Input { get; set; } = new();

    [BindProperty]
    public string? UpdateText { get; set; }

    public IReadOnlyList<IncidentUpdate> Timeline { get; private set; } = [];

    /// <summary>Each field's dated statuses, oldest first.</summary>
    public IReadOnlyList<IncidentFieldStatus> FieldStatuses { get; private set; } = [];

    /// <summary>What the field-status form posts: each field's chosen status by its key ("" leaves it as it is).</summary>
    [BindProperty]
    public Dictionary<string, string> FieldStatus { get; set; } = [];

    [BindProperty]
    public string? FieldNote { get; set; }
    public int People { get; private set; }
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (incident is null)
            {
                return NotFound();
            }

            Input = IncidentInput.From(incident);
            Flash = saved switch
            {
                "created" => "The incident is recorded. Staff can now see it on \"Am I affected?\".",
                "changed" => "Your changes are saved.",
                "update" => "The update is posted to the timeline.",
                "fields" => "What the incident held is recorded. Staff see it on \"Am I affected?\".",
                _ => null,
            };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var admin = await administrators.GetAsync(cancellationToken);
        var draft = Input.ToDraft(ModelState);
        try
        {
            if (Id is { } id)
            {
                return await incidents.UpdateAsync(admin.Actor, id, draft, cancellationToken)
                    ? await ResultAsync(id, "changed", cancellationToken)
                    : NotFound();
            }

            return await ResultAsync(await incidents.CreateAsync(admin.Actor, draft, cancellationToken), "created", cancellationToken);
        }
        catch (RefusedException refused)
        {
            // A date that could not be read is already in ModelState; the service's message for it would only repeat it.
            ModelState.AddRefusal(refused, "Input", field => Key(field));
            return await ResultAsync(Id, "", cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            return await incidents.PostUpdateAsync(admin.Actor, id, UpdateText, cancellationToken)
                ? RedirectToPage("/Admin/Incidents/Incident", new { id, saved = "update" })
                : NotFound();
        }
        catch (RefusedException refused)
        {
            // The form above shows the incident as it is, not as anyone last typed it.
            ModelState.Clear();
            Input = IncidentInput.From(await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken));
            ModelState.AddRefusal(refused, "UpdateText", field => Key(field));
            return await ResultAsync(id, "update", cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostFieldsAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        var statuses = new Dictionary<HeldFields, FieldStatus>();
        foreach (var field in DataFieldCatalogue.All)
        {
            if (FieldStatus.TryGetValue(field.Key, out var chosen) && Enum.TryParse<FieldStatus>(chosen, out var status) && Enum.IsDefined(status))
            {
                statuses[field.Flag] = status;
            }
        }

        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            return await incidents.RecordFieldStatusesAsync(admin.Actor, id, statuses, FieldNote, cancellationToken) is null
                ? NotFound()
                : RedirectToPage("/Admin/Incidents/Incident", new { id, saved = "fields" });
        }
        catch (RefusedException refused)
        {
            ModelState.Clear();
            Input = IncidentInput.From(await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken));
            ModelState.AddRefusal(refused, "FieldNote", field => field);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>Saved, unless a date could not be read (ModelState says so): then the page again with every problem.</summary>
    private async Task<IActionResult> ResultAsync(int? id, string saved, CancellationToken cancellationToken)
    {
        if (ModelState.ErrorCount == 0)
        {
            return RedirectToPage("/Admin/Incidents/Incident", new { id, saved });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private static string Key(string field) => field == "UpdateText" ? field : "Input." + field;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            Timeline = await db.IncidentUpdates.AsNoTracking().Where(u => u.IncidentId == id).OrderByDescending(u => u.PostedUtc).ToListAsync(cancellationToken);
            People = await IncidentPeople.CountAsync(db, id, cancellationToken);
            FieldStatuses = await db.IncidentFieldStatuses.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.RecordedUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        }
    }
}

/// <summary>The incident form, as posted: dates as typed, and the categories not included one per line.</summary>
public sealed class IncidentInput
{
    public string? Reference { get; set; }
    public string? Title { get; set; }
    public string? Source { get; set; }
    public string? Summary { get; set; }
    public IncidentStatus? Status { get; set; }
    public string? OccurredOn { get; set; }
    public string? DiscoveredOn { get; set; }
    public string? NotIncluded { get; set; }

    public static IncidentInput From(Incident incident) => new()
    {
        Reference = incident.Reference,
        Title = incident.Title,
        Source = incident.Source,
        Summary = incident.Summary,
        Status = incident.Status,
        OccurredOn = incident.OccurredOn.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
        DiscoveredOn = incident.DiscoveredOn.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
        NotIncluded = string.Join('\n', incident.NotIncluded),
    };

    /// <summary>The draft to check; a date that cannot be read is named on its field.</summary>
    public IncidentDraft ToDraft(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state) =>
        new(Reference, Title, Source, Summary, Status,
            state.ParseDate("Input." + nameof(OccurredOn), OccurredOn, "The date it happened must be a real date, such as 14/8/2023."),
            state.ParseDate("Input." + nameof(DiscoveredOn), DiscoveredOn, "The date it was discovered must be a real date, such as 14/8/2023."),
            NotIncluded);
}
