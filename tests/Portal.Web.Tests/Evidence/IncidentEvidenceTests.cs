using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Portal.Web.Tests.Evidence;

/// <summary>
/// The report's words kept across drawing it again, the Article 34 checklist before sending, and the decision log with
/// the one chronological evidence record per incident.
/// </summary>
public sealed class IncidentEvidenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Incident Incident, HttpClient Admin)> IncidentAsync()
    {
        var incident = await factory.Data.CreateIncidentAsync(i => i.DiscoveredOn = new DateOnly(2023, 8, 24));
        foreach (var person in await factory.Data.CreatePeopleAsync(3))
        {
            await factory.Data.AddExposureAsync(person, incident, HeldFields.Name | HeldFields.Photo);
        }

        return (incident, factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin));
    }

    [Fact]
    public async Task TheReportsWords_AreKeptWhenItIsDrawnAgain_ItsFiguresAreCountedAfresh_AndAnOlderVersionCannotOverwriteANewer()
    {
        var (incident, admin) = await IncidentAsync();
        var page = $"/admin/incidents/{incident.Id}/report";
        var first = await Html.ReadAsync(await admin.GetAsync(page, Cancel));
        Assert.Contains("About 3 people", first.Section("people").TextContent, StringComparison.Ordinal);
        Assert.Contains("their photographs let them be recognised", first.QuerySelector("#Input_LikelyConsequences")!.TextContent, StringComparison.Ordinal);

        var saved = await admin.SubmitAsync(page, page, ("Input.Version", "0"), ("Input.Nature", "The card printer's server was copied by an intruder."),
            ("Input.LikelyConsequences", "Officers could be recognised off duty."), ("Input.OtherMeasures", "Cards are being reissued."), ("Input.ReportedOn", "26/8/2023"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await factory.Data.AddExposureAsync(await factory.Data.CreatePersonAsync(), incident, HeldFields.Name);

        var again = await Html.ReadAsync(await admin.GetAsync(page, Cancel));
        Assert.Equal("The card printer's server was copied by an intruder.", again.QuerySelector("#Input_Nature")!.TextContent);
        Assert.Equal("26/8/2023", again.QuerySelector("#Input_ReportedOn")!.GetAttribute("value"));
        Assert.Contains("About 4 people", again.Section("people").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Version 1, saved", again.Section("version").TextContent.Trim(), StringComparison.Ordinal);

        // A colleague's copy, opened before version 1 was saved, is refused, not written over it.
        var stale = await Html.ReadAsync(await admin.SubmitAsync(page, page, ("Input.Version", "0"), ("Input.Nature", "Something else."),
            ("Input.LikelyConsequences", "Other words.")));
        Assert.Contains("Someone saved this report after you opened it", stale.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        // Reported ten days after it was discovered needs the reasons for the delay.
        var late = await Html.ReadAsync(await admin.SubmitAsync(page, page, ("Input.Version", "1"), ("Input.Nature", "The same."),
            ("Input.LikelyConsequences", "The same."), ("Input.ReportedOn", "3/9/2023")));
        Assert.Contains("give the reasons for the delay", late.QuerySelector("#Input_DelayReasons-error")!.TextContent, StringComparison.Ordinal);
        var unreadable = await Html.ReadAsync(await admin.SubmitAsync(page, page, ("Input.Version", "1"), ("Input.Nature", "The same."),
            ("Input.LikelyConsequences", "The same."), ("Input.ReportedOn", "31/2/2023")));
        Assert.Contains("as a real date", unreadable.QuerySelector("#Input_ReportedOn-error")!.TextContent, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var versions = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BreachReportVersions.AsNoTracking()
            .Where(v => v.IncidentId == incident.Id).Select(v => v.Version).ToListAsync(Cancel);
        Assert.Equal([1], versions);
    }

    [Fact]
    public async Task BeforeSending_TheChecklistShowsWhatArticle34AsksForThatTheNoticeDoesNotSay_WithoutStoppingIt()
    {
        var (incident, admin) = await IncidentAsync();
        int thin, full;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<Campaigns>();
            var actor = new Actor(null, "test", null);
            thin = await campaigns.CreateAsync(actor, new CampaignDraft("Please read", "Dear ((given_name)), the supplier that printed our cards was breached. Read more: ((notice_link))",
                incident.Id, AudienceKind.EveryoneActive, null, [], null), Cancel);
            full = await campaigns.CreateAsync(actor, new CampaignDraft("((incident_title))",
                "Dear ((given_name)), your details were exposed when our card supplier was breached. Someone could use your photo to recognise you. "
                + "We have taken the supplier's systems offline and are reissuing cards. Contact the welfare team on extension 4100. ((notice_link))",
                incident.Id, AudienceKind.EveryoneActive, null, [], null), Cancel);
        }

        var missing = (await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{thin}/send", Cancel))).Section("checklist");
        Assert.Equal(["The likely consequences", "What is being done", "Who to contact"],
            missing.QuerySelectorAll("li[data-found='no']").Select(li => li.TextContent.Split(':')[0].Replace("Not found", "", StringComparison.Ordinal).Trim()).Order(StringComparer.Ordinal));
        Assert.Contains("You can still send it", missing.TextContent, StringComparison.Ordinal);
        var complete = (await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{full}/preview", Cancel))).Section("checklist");
        Assert.Empty(complete.QuerySelectorAll("li[data-found='no']"));
    }

    [Fact]
    public async Task ADecision_IsRecordedWithItsReasons_AndTheEvidenceRecord_PutsItWithTheAuditTrailTheNoticeAndItsSends_InOrder()
    {
        var (incident, admin) = await IncidentAsync();
        var page = $"/admin/incidents/{incident.Id}/evidence";
        int draft;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            draft = await scope.ServiceProvider.GetRequiredService<Campaigns>().CreateAsync(new Actor(null, "test", null),
                new CampaignDraft("Held back for now", "Dear ((given_name)), ((notice_link))", incident.Id, AudienceKind.EveryoneActive, null, [], null), Cancel);
        }

        var empty = await Html.ReadAsync(await admin.SubmitAsync(page, page, ("What", ""), ("Why", "")));
        Assert.Equal(["Enter what was decided.", "Enter the reasons for the decision."], empty.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, page, ("What", "Hold the notice to covert officers"),
            ("Why", "Their handlers speak to them first."), ("CampaignId", draft.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);
        var notice = await factory.Data.SendNoticeAsync(await factory.Data.CreatePeopleAsync(6), "The card supplier breach", incident);

        var shown = await Html.ReadAsync(await admin.GetAsync(page, Cancel));
        Assert.Contains("Hold the notice to covert officers", shown.Section("decisions").TextContent, StringComparison.Ordinal);
        var entries = shown.Section("record").QuerySelectorAll("tbody tr");
        Assert.Equal($"{entries.Length} entries, newest first (UK time)", shown.Section("record-caption").TextContent.Trim());
        Assert.Equal("Notices handed to the mail relay", entries[0].QuerySelectorAll("td")[1].TextContent);

        var csv = await admin.GetAsync(page + "?handler=Csv", Cancel);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync(Cancel);
        var created = text.IndexOf("Campaign created", StringComparison.Ordinal);
        var decision = text.IndexOf("Decision recorded", StringComparison.Ordinal);
        var asSent = text.IndexOf("Notice text as sent", StringComparison.Ordinal);
        var sends = text.IndexOf("Notices handed to the mail relay", StringComparison.Ordinal);
        Assert.True(created >= 0 && decision > created && asSent > decision && sends > decision, text);
        Assert.Contains("Hold the notice to covert officers Reasons: Their handlers speak to them first.", text, StringComparison.Ordinal);
        Assert.Contains($"campaign/{draft}", text, StringComparison.Ordinal);
        Assert.Contains($"Held back for now (text {Campaigns.TextHash("Held back for now", "Dear ((given_name)), ((notice_link))")})", text, StringComparison.Ordinal);
        Assert.Contains($"campaign/{notice} · 6 in the minute from", text, StringComparison.Ordinal);

        var pdf = await admin.GetAsync(page + "?handler=Pdf", Cancel);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Cancel)))
        {
            var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains($"Evidence record: {incident.Reference}", words, StringComparison.Ordinal);
            Assert.Contains("Decision recorded", words, StringComparison.Ordinal);
        }

        await using var check = factory.Services.CreateAsyncScope();
        var exported = await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.EvidenceExported && e.Target == $"incident/{incident.Id}").Select(e => e.Detail).ToListAsync(Cancel);
        Assert.Equal(["CSV", "PDF"], exported);
    }
}
