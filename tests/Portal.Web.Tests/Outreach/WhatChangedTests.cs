using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Outreach;

/// <summary>What changed for a person: each field's status over time, their own exposure's history, and a campaign to those an import changed.</summary>
public sealed class WhatChangedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Applies a manifest as the import job would, recorded as an applied import run; returns the run's id.</summary>
    private async Task<int> ImportAsync(Incident incident, params string[] rows)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = new ImportRun
        {
            Kind = ImportKind.Manifest,
            IncidentId = incident.Id,
            FileName = $"manifest-{Guid.NewGuid():N}.csv",
            UploadedBySubject = "admin",
            UploadedUtc = DateTime.UtcNow,
            Status = ImportRunStatus.Applied,
            AppliedUtc = DateTime.UtcNow,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(Cancel);
        var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", ["pay_number,fields_held", .. rows])));
        await scope.ServiceProvider.GetRequiredService<ManifestImporter>().ImportAsync(incident.Id, file, run.Id, Cancel);
        return run.Id;
    }

    [Fact]
    public async Task EachFieldsStatus_IsShownWithItsDate_AndTheIncidentsTimelineKeepsEveryChange()
    {
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var officer = await factory.Data.CreatePersonAsync();
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(officer, incident, HeldFields.Name | HeldFields.Photo | HeldFields.Email);
        var page = $"/admin/incidents/{incident.Id}";

        var recorded = await admin.SubmitAsync(page, page + "?handler=Fields", ("FieldStatus[photo]", "Confirmed"), ("FieldStatus[email]", "Suspected"), ("FieldNote", "From the supplier's forensic report."));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, recorded.StatusCode);
        var first = await Html.ReadAsync(await factory.ClientAs(officer.PayNumber).GetAsync("/", Cancel));
        await admin.SubmitAsync(page, page + "?handler=Fields", ("FieldStatus[photo]", "Confirmed"), ("FieldStatus[email]", "RuledOut"), ("FieldNote", ""));
        var second = await Html.ReadAsync(await factory.ClientAs(officer.PayNumber).GetAsync("/", Cancel));
        var adminPage = await Html.ReadAsync(await admin.GetAsync(page, Cancel));

        var section = $"[data-testid='incident-{incident.Reference}']";
        Assert.Equal(("Confirmed", "Suspected"), (first.QuerySelector($"{section} [data-field-status='photo']")!.TextContent, first.QuerySelector($"{section} [data-field-status='email']")!.TextContent));
        Assert.Null(first.QuerySelector($"{section} [data-field-status='name']"));
        Assert.Equal(("Confirmed", "Ruled out"), (second.QuerySelector($"{section} [data-field-status='photo']")!.TextContent, second.QuerySelector($"{section} [data-field-status='email']")!.TextContent));
        Assert.Contains("the investigation found this incident did not hold it after all", second.QuerySelector(section)!.TextContent, StringComparison.Ordinal);
        var history = second.QuerySelector($"{section} [data-testid='field-history']")!.Texts("li");
        Assert.Equal(2, history.Count);
        Assert.EndsWith("Your work e-mail address: ruled out.", history[0], StringComparison.Ordinal);
        Assert.EndsWith("Your photo: confirmed. Your work e-mail address: suspected. From the supplier's forensic report.", history[1], StringComparison.Ordinal);
        Assert.Contains("Your work e-mail address: ruled out.", adminPage.Section("timeline").TextContent, StringComparison.Ordinal);
        Assert.Equal("Ruled out", adminPage.QuerySelector("[data-field='email']")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Action == AuditActions.IncidentFieldStatusRecorded && e.Target == $"incident/{incident.Id}", Cancel));
    }

    [Fact]
    public async Task ANoteTooLong_IsRefusedWithWhatToDo_AndKeepsTheStatusesChosen()
    {
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var incident = await factory.Data.CreateIncidentAsync();
        var page = $"/admin/incidents/{incident.Id}";

        var refused = await Html.ReadAsync(await admin.SubmitAsync(page, page + "?handler=Fields", ("FieldStatus[photo]", "Confirmed"), ("FieldNote", new string('x', 501))));

        Assert.Equal(["The note must be 500 characters or fewer; it is 501."], refused.Texts(".govuk-error-summary__list li"));
        Assert.Empty(refused.SummaryLinksWithoutTarget());
        Assert.Equal("Confirmed", refused.QuerySelector("#FieldStatus_photo option[selected]")!.GetAttribute("value"));
        Assert.Equal(new string('x', 501), refused.QuerySelector("#FieldNote")!.TextContent);
    }

    [Fact]
    public async Task AnImportThatChangesWhatWasHeld_IsShownAsChangedSinceYouLastLooked_UntilTheyHaveSeenIt()
    {
        var incident = await factory.Data.CreateIncidentAsync();
        var officer = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(officer.PayNumber);
        await ImportAsync(incident, $"{officer.PayNumber},name;email");

        var firstLook = await Html.ReadAsync(await client.GetAsync("/", Cancel));
        await ImportAsync(incident, $"{officer.PayNumber},name;photo");
        var changed = await Html.ReadAsync(await client.GetAsync("/", Cancel));
        var stillChanged = await Html.ReadAsync(await client.GetAsync("/", Cancel));
        var seen = await client.FollowAsync(await client.SubmitAsync("/", "/?handler=Seen"));

        Assert.Null(firstLook.QuerySelector("[data-testid='changed']"));
        Assert.Equal(["Now known to have held: Your photo", "No longer thought to have held: Your work e-mail address"], changed.Section($"changed-{incident.Id}").Texts("li"));
        Assert.NotNull(stillChanged.QuerySelector("[data-testid='changed']"));
        Assert.Null(seen.QuerySelector("[data-testid='changed']"));
        var copy = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/me/data?handler=Download", Cancel)).RootElement.GetProperty("exposureHistory");
        Assert.Equal(2, copy.GetArrayLength());
        Assert.Equal(["Your photo"], copy[1].GetProperty("fieldsAdded").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task ACampaign_ToThoseAnImportChanged_GoesToThemAndNoOneElse()
    {
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var incident = await factory.Data.CreateIncidentAsync();
        var people = await factory.Data.CreatePeopleAsync(4);
        await ImportAsync(incident, $"{people[0].PayNumber},name", $"{people[1].PayNumber},name", $"{people[2].PayNumber},name");
        var correction = await ImportAsync(incident, $"{people[0].PayNumber},name;photo", $"{people[1].PayNumber},name", $"{people[3].PayNumber},name");

        var form = await Html.ReadAsync(await admin.GetAsync("/admin/campaigns/new", Cancel));
        var created = await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", ("Input.Subject", "What the supplier held has changed"),
            ("Input.Body", "Dear ((given_name)), see what changed: ((notice_link))"), ("Input.Audience", "ExposureChanged"), ("Input.AudienceImportRunId", correction.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Version", "0"));
        var preview = await admin.FollowAsync(created);
        var refused = await Html.ReadAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", ("Input.Subject", "x"),
            ("Input.Body", "Dear ((given_name)), ((notice_link))"), ("Input.Audience", "ExposureChanged"), ("Input.Version", "0")));

        Assert.Contains(correction.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelectorAll("#Input_AudienceImportRunId option").Select(o => o.GetAttribute("value")));
        // Added photo for one, removed one, added another: three people; the unchanged one is not told.
        Assert.Equal("3 people", preview.Section("recipients").TextContent.Trim());
        Assert.Equal(["Choose the import whose changes to tell people about, or enter the date from which to include changes"], refused.Texts(".govuk-error-summary__list li"));

        // A date in British Summer Time means from midnight that day in the UK, and is shown as the date chosen.
        var summer = await admin.FollowAsync(await admin.SubmitAsync("/admin/campaigns/new", "/admin/campaigns/new", ("Input.Subject", "Changes since June"),
            ("Input.Body", "Dear ((given_name)), ((notice_link))"), ("Input.Audience", "ExposureChanged"), ("Input.AudienceChangedSince", "2026-06-01"), ("Input.Version", "0")));
        Assert.Equal("People whose exposure an import changed: changes since 1 June 2026",
            summer.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Audience").QuerySelector("dd")!.TextContent.Trim());
    }
}
