using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using CampaignService = Portal.Core.Notices.Campaigns;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>
/// Before sending: the notice as it would reach you or a person chosen by pay number (looking at someone else's is
/// audited, and only from this page's own form), and a test sent to yourself.
/// </summary>
public sealed class PreviewModel(
    CampaignSummaries summaries,
    Administrators administrators,
    PortalDbContext db,
    NoticeMessages messages,
    TestNotices tests,
    AuditLog audit,
    LookupTokens lookupTokens) : CampaignPageModel(summaries, administrators)
{
    public override IReadOnlyList<string> ErrorOrder { get; } = ["conflict", "preview", "test"];

    /// <summary>The pay number of the person to preview the notice for.</summary>
    [BindProperty(SupportsGet = true, Name = "preview")]
    public string? PreviewPayNumber { get; set; }

    /// <summary>The preview form's look-up token: a preview for a named person is shown only when it came from the form.</summary>
    [BindProperty(SupportsGet = true, Name = LookupTokens.FieldName)]
    public string? Confirm { get; set; }

    /// <summary>The token the preview form carries (see <see cref="LookupTokens"/>).</summary>
    public string LookupToken => lookupTokens.TokenFor(HttpContext);

    public (string For, string Subject, string Body)? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await ShowAsync(cancellationToken);
        return page is PageResult && Summary.HasStarted ? RedirectToPage("Campaign", new { id = Id }) : page;
    }

    /// <summary>Sends the notice, as it would reach them, to the administrator composing it.</summary>
    public Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) => ActAsync("test", async admin =>
    {
        await tests.SendAsync(Id, admin.Actor, admin.Email, admin.GivenName, admin.Rank, cancellationToken);
        return $"A test has been sent to {admin.Email}";
    }, thenPage: "Preview");

    /// <summary>The notice as the chosen person would get it; looking at someone else's details is audited.</summary>
    protected override async Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken)
    {
        if (Summary.HasStarted)
        {
            // The page goes to the overview instead: nobody's details are looked up, and nothing is recorded.
            return;
        }

        var payNumber = PreviewPayNumber?.Trim();
        var values = messages.ValuesFor(Campaign, Summary.IncidentTitle, admin.GivenName, admin.Rank);
        var forWhom = "you";
        if (!string.IsNullOrEmpty(payNumber))
        {
            var person = payNumber.Length > 20 ? null : await db.People.AsNoTracking().Where(p => p.PayNumber == payNumber)
                .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.RankOrGrade }).SingleOrDefaultAsync(cancellationToken);
            if (person is null)
            {
                ModelState.AddModelError("preview", "No one has that pay number. Check it, or leave it empty to preview the notice as yourself.");
            }
            else if (!lookupTokens.IsValid(User, Confirm))
            {
                // An address made elsewhere: nothing about that person is shown or recorded until the form is used.
                ModelState.AddModelError("preview", "Select Show preview to see the notice as this person would get it. Looking at someone else's is recorded, so the portal checks that you meant to.");
            }
            else
            {
                await audit.RecordAsync(admin.Actor, AuditActions.CampaignPreviewed, person.Id, CampaignService.Target(Id), cancellationToken: cancellationToken);
                forWhom = $"{person.GivenName} {person.FamilyName} ({payNumber})";
                values = messages.ValuesFor(Campaign, Summary.IncidentTitle, person.GivenName, person.RankOrGrade);
            }
        }

        Preview = (forWhom, NoticeTemplate.Render(Campaign.Subject, values), NoticeTemplate.Render(Campaign.BodyTemplate, values));
    }
}
