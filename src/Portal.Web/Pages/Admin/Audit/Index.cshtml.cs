using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Audit;

/// <summary>
/// The audit trail: every view of another person's data and every administrative action, newest first, filtered by
/// who, about whom, what and when; exported to a spreadsheet-safe CSV; and checked end to end against its hash chain.
/// Looking up what happened to a named person or what a named person did, exporting and checking are themselves
/// audited, and only from the page's own forms: an address made elsewhere fills in the form and waits to be confirmed.
/// Events about support requests restricted to welfare leads are shown only to administrators who are welfare leads.
/// </summary>
public sealed class IndexModel(AuditTrail trail, AuditLog audit, Administrators administrators, PortalDbContext db, LookupTokens tokens, Microsoft.Extensions.Options.IOptions<AuditOptions> auditOptions) : PageModel, IHasErrorOrder
{
    public IReadOnlyList<string> ErrorOrder { get; } = ["actor", "person", "action", "from", "to"];

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Actions => AuditActions.All;
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public AuditVerification? Verification { get; private set; }

    /// <summary>True when the address asked for a look-up or export that this page's own form did not: nothing was looked up.</summary>
    public bool AwaitingConfirmation { get; private set; }

    /// <summary>Events the filters match that are about restricted support requests, left out for this administrator.</summary>
    public int Withheld { get; private set; }

    /// <summary>The token this page's forms and links carry, so that what they ask for is known to be meant.</summary>
    public string LookupToken => tokens.TokenFor(HttpContext);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(tokens.IsValid(User, Filter.Confirm), cancellationToken);
        return Page();
    }

    /// <summary>Reads the whole chain and says whether any event was changed or removed after it was recorded.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await AuditChain.VerifyAsync(db, auditOptions.Value.CheckpointFile, cancellationToken);
        var admin = await administrators.GetAsync(cancellationToken);
        await audit.RecordAsync(admin.Actor, AuditActions.AuditVerified, null, null,
            Verification.Intact ? $"intact: {Verification.EventsChecked} events"
                : $"{Verification.ProblemCount} {(Verification.ProblemCount == 1 ? "problem" : "problems")} in {Verification.EventsChecked} events", cancellationToken);
        // The form's own antiforgery token shows it was meant; the events it lists are still a look-up to record.
        await LoadAsync(confirmed: true, cancellationToken);
        return Page();
    }

    /// <summary>Every event the filters match, oldest first, as CSV that is safe to open in a spreadsheet. Audited.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await Filter.ToQueryAsync(db, ModelState, User.IsInRole(RoleNames.WelfareLead), cancellationToken) is not { } query || !tokens.IsValid(User, Filter.Confirm))
        {
            await LoadAsync(confirmed: false, cancellationToken);
            AwaitingConfirmation = ModelState.ErrorCount == 0;
            return Page();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        await audit.RecordAsync(admin.Actor, AuditActions.AuditExported, query.SubjectPersonId ?? query.ActorPersonId, null, Filter.Describe(), cancellationToken);

        await SpreadsheetCsv.WriteAsync(Response, $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv",
            ["sequence", "occurred_utc", "actor", "actor_pay_number", "actor_name", "action", "person_pay_number", "person_name", "target", "detail", "from", "hash"],
            trail.AllAsync(query),
            (csv, row) =>
            {
                csv.WriteField(row.Sequence);
                csv.WriteField(row.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(row.ActorSubject);
                csv.WriteField(row.ActorPayNumber);
                csv.WriteField(row.ActorName);
                csv.WriteField(row.Action);
                csv.WriteField(row.SubjectPayNumber);
                csv.WriteField(row.SubjectName);
                csv.WriteField(row.Target);
                csv.WriteField(row.Detail);
                csv.WriteField(row.From);
                csv.WriteField(row.Hash);
            },
            cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Shows the events the filters match; a look-up that names someone only when <paramref name="confirmed"/>, and recorded.</summary>
    private async Task LoadAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (await Filter.ToQueryAsync(db, ModelState, User.IsInRole(RoleNames.WelfareLead), cancellationToken) is not { } query)
        {
            return;
        }

        if (query.NamesSomeone && !confirmed)
        {
            AwaitingConfirmation = true;
            return;
        }

        Filter.Page = Math.Max(1, Filter.Page);
        (Rows, Total) = await trail.PageAsync(query, Filter.Page, PageSize, cancellationToken);
        if (Filter.Page > Pages)
        {
            Filter.Page = Pages;
            (Rows, Total) = await trail.PageAsync(query, Filter.Page, PageSize, cancellationToken);
        }

        Withheld = await trail.WithheldAsync(query, cancellationToken);
        if (query.NamesSomeone)
        {
            // Looking up what happened to a named person, or what a named person did, is itself a view of their data:
            // recorded after the page is read, so it shows on the next look rather than this one.
            var admin = await administrators.GetAsync(cancellationToken);
            await audit.RecordAsync(admin.Actor, AuditActions.AuditSearched, query.SubjectPersonId ?? query.ActorPersonId, null, Filter.Describe(), cancellationToken);
        }
    }

    /// <summary>The address of this page with the filters changed.</summary>
    public string Link(Action<AuditFilter> change, string? handler = null)
    {
        var filter = Filter with { };
        change(filter);
        // "page" and "handler" are also route values of Razor Pages, so they are added as query parameters here.
        var query = new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["actor"] = filter.Actor,
            ["person"] = filter.Person,
            ["action"] = filter.Action,
            ["from"] = filter.From,
            ["to"] = filter.To,
            ["page"] = filter.Page > 1 ? filter.Page.ToString(CultureInfo.InvariantCulture) : null,
            [LookupTokens.FieldName] = LookupToken,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Url.Page("/Admin/Audit/Index")!, query.Where(kv => !string.IsNullOrEmpty(kv.Value))!);
    }
}
