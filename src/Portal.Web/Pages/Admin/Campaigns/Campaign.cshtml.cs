using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// One campaign: before sending, its audience count, a preview for a chosen recipient, a test to yourself and the
/// send (now or at a time, with a second administrator's approval when it is large); while and after sending, the
/// progress, the failures, and who has confirmed reading it.
/// </summary>
public sealed class CampaignModel(
    PortalDbContext db,
    CampaignService campaigns,
    CampaignReports reports,
    CampaignAudience audience,
    NoticeMessages messages,
    MailConnectionPool mail,
    Administrators administrators,
    AuditLog audit,
    IOptions<NoticeOptions> options,
    LookupTokens lookupTokens,
    RelayWatch relay,
    TimeProvider clock) : PageModel
{
    public const int FailuresShown = 100;
    private const string FlashKey = "CampaignFlash";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public ScheduleInput Schedule { get; set; } = new();

    /// <summary>The pay number of the person to preview the notice for.</summary>
    [BindProperty(SupportsGet = true, Name = "preview")]
    public string? PreviewPayNumber { get; set; }

    /// <summary>The preview form's look-up token: a preview for a named person is shown only when it came from the form.</summary>
    [BindProperty(SupportsGet = true, Name = LookupTokens.FieldName)]
    public string? Confirm { get; set; }

    /// <summary>The token the preview form carries (see <see cref="LookupTokens"/>).</summary>
    public string LookupToken => lookupToken ??= lookupTokens.Issue(User);

    private string? lookupToken;

    public NoticeCampaign Campaign { get; private set; } = null!;
    public string? IncidentTitle { get; private set; }
    public string AudienceDetail { get; private set; } = string.Empty;
    public int Recipients { get; private set; }
    public int ApprovalThreshold => options.Value.ApprovalThreshold;
    public bool IsComposer { get; private set; }
    public string? ComposedBy { get; private set; }
    public string? ApprovedBy { get; private set; }
    public (string For, string Subject, string Body)? Preview { get; private set; }
    public CampaignProgress? Progress { get; private set; }
    public IReadOnlyList<DeliveryFailure> Failures { get; private set; } = [];
    public IReadOnlyList<UnitAcknowledgement> ByUnit { get; private set; } = [];
    public int Acknowledged => ByUnit.Sum(u => u.Acknowledged);
    public int Reached => ByUnit.Sum(u => u.Recipients);
    public int NotAcknowledged { get; private set; }
    public string? Flash { get; private set; }
    public int? RateLimit => options.Value.RateLimitPerMinute > 0 ? options.Value.RateLimitPerMinute : null;

    /// <summary>True while this campaign sends and the relay cannot be reached (see <see cref="RelayWatch"/>).</summary>
    public bool RelayAway => Campaign.Status == CampaignStatus.Sending && relay.IsAway;

    public bool HasStarted => Campaign.Status is CampaignStatus.Sending or CampaignStatus.Paused or CampaignStatus.Completed
        || (Campaign.Status == CampaignStatus.Cancelled && Campaign.StartedUtc is not null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Flash = TempData[FlashKey] as string;
        return Page();
    }

    /// <summary>The numbers the progress bar shows, polled by the page while the campaign sends.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken cancellationToken)
    {
        if (await reports.ProgressAsync(Id, cancellationToken) is not { } progress)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            status = progress.Status.ToString(),
            statusText = CampaignText.Describe(progress.Status),
            total = progress.Total,
            sent = progress.Sent,
            failed = progress.FailedPermanent,
            retrying = progress.WaitingToRetry,
            pending = progress.Pending + progress.Sending,
            cancelled = progress.Cancelled,
            percent = progress.Percent,
            perMinute = progress.PerMinute,
            eta = progress.Eta is { } eta ? FormatEta(eta) : null,
        });
    }

    /// <summary>Every recipient the relay refused, as a spreadsheet-safe CSV. Audited: it names people.</summary>
    [RateLimited(RateLimits.Exports)]
    public async Task<IActionResult> OnGetFailuresAsync(CancellationToken cancellationToken)
    {
        if (!await db.NoticeCampaigns.AnyAsync(c => c.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        await audit.RecordAsync(admin.Actor, AuditActions.CampaignFailuresExported, null, CampaignService.Target(Id), cancellationToken: cancellationToken);
        await SpreadsheetCsv.WriteAsync(Response, $"campaign-{Id}-failures.csv", ["pay_number", "name", "unit", "email", "status", "attempts", "reason"],
            reports.FailuresAsync(Id),
            (csv, f) =>
            {
                csv.WriteField(f.PayNumber);
                csv.WriteField(f.Name);
                csv.WriteField(f.Unit);
                csv.WriteField(f.Email);
                csv.WriteField(f.Status == DeliveryStatus.FailedPermanent ? "failed" : "waiting to retry");
                csv.WriteField(f.Attempts);
                csv.WriteField(f.Reason);
            },
            cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Sends the notice, as it would reach them, to the administrator composing it.</summary>
    public Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) => ActAsync("test", async admin =>
    {
        if (string.IsNullOrWhiteSpace(admin.Email))
        {
            throw new CampaignException("test", "Your sign-in has no e-mail address to send a test to.");
        }

        var campaign = await db.NoticeCampaigns.AsNoTracking().SingleAsync(c => c.Id == Id, cancellationToken);
        var message = messages.BuildTest(campaign, await IncidentTitleAsync(campaign.IncidentId, cancellationToken), admin.GivenName, admin.Rank, admin.Email);
        var connection = await mail.RentAsync(cancellationToken);
        try
        {
            await connection.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new CampaignException("test", $"The test could not be sent: {MailFailure.Classify(exception).Reason}. Check the mail settings, then try again.");
        }
        finally
        {
            await mail.ReturnAsync(connection);
        }

        await audit.RecordAsync(admin.Actor, AuditActions.CampaignTestSent, admin.PersonId, CampaignService.Target(Id), cancellationToken: cancellationToken);
        return $"A test has been sent to {admin.Email}";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken) => ActAsync("Schedule", async admin =>
    {
        DateTime? at = null;
        if (Schedule.When == "later")
        {
            at = Schedule.ToUtc() ?? throw new CampaignException("Schedule", "Enter the date and time to send it, like 24 11 2026 and 09:30, in UK time.");
        }
        else if (Schedule.When != "now")
        {
            throw new CampaignException("Schedule", "Choose whether to send it now or later");
        }

        return await campaigns.SendAsync(admin.Actor, Id, Version, at, cancellationToken) switch
        {
            CampaignStatus.AwaitingApproval => "It goes to more than " + ApprovalThreshold.ToString("N0", CultureInfo.InvariantCulture) + " people, so a second administrator must approve it before it is sent",
            CampaignStatus.Scheduled => "The notice is scheduled",
            _ => "Sending has started",
        };
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => ActAsync("approve", async admin =>
        await campaigns.ApproveAsync(admin.Actor, Id, Version, cancellationToken) == CampaignStatus.Scheduled ? "Approved: the notice is scheduled" : "Approved: sending has started");

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) => ActAsync("approve", async admin =>
    {
        await campaigns.ReturnToDraftAsync(admin.Actor, Id, Version, cancellationToken);
        return "The notice is a draft again";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.PauseAsync(admin.Actor, Id, Version, cancellationToken);
        return "Sending is paused. Messages already handed to the relay cannot be called back.";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.ResumeAsync(admin.Actor, Id, Version, cancellationToken);
        return "Sending has resumed";
    });

    [ChecksFormVersion(nameof(Version))]
    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) => ActAsync("control", async admin =>
    {
        await campaigns.CancelAsync(admin.Actor, Id, Version, cancellationToken);
        return "The notice is cancelled. Nobody else will be sent it.";
    });

    /// <summary>In one step: a reminder to everyone this campaign reached who has not confirmed reading it.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken cancellationToken)
    {
        if (!await db.NoticeCampaigns.AnyAsync(c => c.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            var (id, status) = await campaigns.FollowUpAsync(admin.Actor, Id, cancellationToken);
            TempData[FlashKey] = status == CampaignStatus.AwaitingApproval
                ? "The reminder is ready; a second administrator must approve it before it is sent"
                : "The reminder is being sent";
            return RedirectToPage(new { id });
        }
        catch (CampaignException problem)
        {
            return await ShowProblemsAsync(problem, "followup", cancellationToken);
        }
    }

    private async Task<IActionResult> ActAsync(string field, Func<Administrator, Task<string>> action)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!await db.NoticeCampaigns.AnyAsync(c => c.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        var admin = await administrators.GetAsync(cancellationToken);
        try
        {
            TempData[FlashKey] = await action(admin);
        }
        catch (CampaignException problem)
        {
            return await ShowProblemsAsync(problem, field, cancellationToken);
        }

        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ShowProblemsAsync(CampaignException problem, string field, CancellationToken cancellationToken)
    {
        foreach (var p in problem.Problems)
        {
            // Problems about the campaign as a whole keep their own place on the page; the rest go by the action.
            var key = p.Field switch
            {
                "ScheduledFor" => "Schedule",
                "conflict" or "Audience" => p.Field,
                _ => field,
            };
            ModelState.AddModelError(key, p.Message);
        }

        db.ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        ViewData["ErrorOrder"] = new[] { "conflict", "Audience", "test", "Schedule", "approve", "control", "followup" };
        if (await db.NoticeCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken) is not { } campaign)
        {
            return false;
        }

        Campaign = campaign;
        Version = campaign.Version;
        var admin = await administrators.GetAsync(cancellationToken);
        IsComposer = string.Equals(campaign.CreatedBySubject, admin.Actor.Subject, StringComparison.Ordinal);
        ComposedBy = await NameAsync(campaign.CreatedByPersonId, cancellationToken);
        ApprovedBy = await NameAsync(campaign.ApprovedByPersonId, cancellationToken) ?? (campaign.ApprovedUtc is null ? null : "another administrator");
        IncidentTitle = await IncidentTitleAsync(campaign.IncidentId, cancellationToken);
        AudienceDetail = campaign.Audience switch
        {
            AudienceKind.Incident => await IncidentTitleAsync(campaign.AudienceIncidentId, cancellationToken) ?? string.Empty,
            AudienceKind.Units => string.Join(", ", campaign.AudienceUnits),
            AudienceKind.NotAcknowledged => await db.NoticeCampaigns.AsNoTracking().Where(c => c.Id == campaign.AudienceCampaignId).Select(c => c.Subject).SingleOrDefaultAsync(cancellationToken) ?? string.Empty,
            _ => string.Empty,
        };
        Recipients = campaign.Status is CampaignStatus.Draft or CampaignStatus.AwaitingApproval or CampaignStatus.Scheduled
            ? await audience.CountAsync(campaign, cancellationToken)
            : campaign.RecipientCount ?? 0;

        if (!HasStarted)
        {
            await LoadPreviewAsync(campaign, admin, cancellationToken);
            return true;
        }

        Progress = await reports.ProgressAsync(Id, cancellationToken);
        var failures = new List<DeliveryFailure>();
        await foreach (var failure in reports.FailuresAsync(Id, FailuresShown).WithCancellation(cancellationToken))
        {
            failures.Add(failure);
        }

        Failures = failures;
        ByUnit = await reports.AcknowledgementsByUnitAsync(Id, cancellationToken);
        NotAcknowledged = await reports.NotAcknowledgedCountAsync(Id, cancellationToken);
        return true;
    }

    /// <summary>The notice as the chosen person would get it; looking at someone else's details is audited.</summary>
    private async Task LoadPreviewAsync(NoticeCampaign campaign, Administrator admin, CancellationToken cancellationToken)
    {
        var payNumber = PreviewPayNumber?.Trim();
        string forWhom;
        NoticeValues values;
        if (string.IsNullOrEmpty(payNumber))
        {
            forWhom = "you";
            values = messages.ValuesFor(campaign, IncidentTitle, admin.GivenName, admin.Rank);
        }
        else if (payNumber.Length > 20 || await db.People.AsNoTracking().Where(p => p.PayNumber == payNumber)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.RankOrGrade }).SingleOrDefaultAsync(cancellationToken) is not { } person)
        {
            ModelState.AddModelError("preview", "No one has that pay number. Check it, or leave it empty to preview the notice as yourself.");
            forWhom = "you";
            values = messages.ValuesFor(campaign, IncidentTitle, admin.GivenName, admin.Rank);
        }
        else if (!lookupTokens.IsValid(User, Confirm))
        {
            // An address made elsewhere: nothing about that person is shown or recorded until the form is used.
            ModelState.AddModelError("preview", "Select Show preview to see the notice as this person would get it. Looking at someone else's is recorded, so the portal checks that you meant to.");
            forWhom = "you";
            values = messages.ValuesFor(campaign, IncidentTitle, admin.GivenName, admin.Rank);
        }
        else
        {
            await audit.RecordAsync(admin.Actor, AuditActions.CampaignPreviewed, person.Id, CampaignService.Target(campaign.Id), cancellationToken: cancellationToken);
            forWhom = $"{person.GivenName} {person.FamilyName} ({payNumber})";
            values = messages.ValuesFor(campaign, IncidentTitle, person.GivenName, person.RankOrGrade);
        }

        Preview = (forWhom, NoticeTemplate.Render(campaign.Subject, values), NoticeTemplate.Render(campaign.BodyTemplate, values));
    }

    private async Task<string?> IncidentTitleAsync(int? incidentId, CancellationToken cancellationToken) =>
        incidentId is { } id ? await db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken) : null;

    private async Task<string?> NameAsync(int? personId, CancellationToken cancellationToken) =>
        personId is { } id ? await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.GivenName + " " + p.FamilyName).SingleOrDefaultAsync(cancellationToken) : null;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string FormatEta(TimeSpan eta) => eta.TotalMinutes < 1 ? "less than a minute"
        : eta.TotalHours < 1 ? $"about {Math.Ceiling(eta.TotalMinutes):0} minutes"
        : $"about {eta.TotalHours:0.#} hours";
}

/// <summary>When to send: now, or a day and time in UK time.</summary>
public sealed class ScheduleInput
{
    public string? When { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    public string? Time { get; set; }

    public DateTime? ToUtc()
    {
        if (!int.TryParse(Day, CultureInfo.InvariantCulture, out var day) || !int.TryParse(Month, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100 || month is < 1 or > 12
            || day < 1 || day > DateTime.DaysInMonth(year, month)
            || !TimeOnly.TryParseExact(Time?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        return UkTime.ToUtc(new DateOnly(year, month, day).ToDateTime(time));
    }
}
