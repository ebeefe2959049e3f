using Microsoft.AspNetCore.Mvc;
using Portal.Core.Notices;
using Portal.Core.Outreach;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>Everyone the campaign was sent to who has not confirmed reading it, by unit and work location; audited, as it names them.</summary>
public sealed class UnconfirmedModel(CampaignSummaries summaries, Administrators administrators, Unconfirmed unconfirmed) : CampaignPageModel(summaries, administrators)
{
    public override IReadOnlyList<string> ErrorOrder { get; } = [];

    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    [FromQuery(Name = "location")]
    public string? WorkLocation { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public UnconfirmedView View { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    protected override async Task LoadPageAsync(Administrator admin, CancellationToken cancellationToken) =>
        View = await UnconfirmedView.LoadAsync(unconfirmed, admin.Actor, OutreachScope.Campaign(Id), "/Admin/Campaigns/Unconfirmed", Unit, WorkLocation, PageNumber, cancellationToken);
}
