using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Administration's front page lists the steps of responding to each open incident, and where each one stands.</summary>
public sealed class AdminHomeTests
{
    [Fact]
    public async Task WithNoOpenIncident_TheOnlyStepIsToRecordOne()
    {
        await using var factory = new PortalFactory();
        await factory.Data.CreateIncidentAsync(i => i.Status = IncidentStatus.Closed);

        var page = await Html.ReadAsync(await factory.ClientAs(TestData.NewPayNumber(), RoleNames.Admin).GetAsync("/admin", TestContext.Current.CancellationToken));

        var tasks = page.Section("tasks");
        Assert.Equal(["Record the incident"], tasks.Texts(".govuk-task-list__name-and-hint a"));
        Assert.Equal("/admin/incidents/new", tasks.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["Not yet started"], tasks.Texts(".govuk-task-list__status"));
    }

    [Fact]
    public async Task EachOpenIncident_ShowsEachStepsState_FromTheDataItself()
    {
        await using var factory = new PortalFactory();
        var people = await factory.Data.CreatePeopleAsync(3);
        var warned = await factory.Data.CreateIncidentAsync();
        var fresh = await factory.Data.CreateIncidentAsync(i => i.DiscoveredOn = i.DiscoveredOn.AddDays(1));
        foreach (var person in people)
        {
            await factory.Data.AddExposureAsync(person, warned, HeldFields.Name);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NoticeCampaigns.Add(new NoticeCampaign
            {
                Subject = "Warned",
                BodyTemplate = "((notice_link))",
                Audience = AudienceKind.Incident,
                AudienceIncidentId = warned.Id,
                Status = CampaignStatus.Completed,
                CreatedUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await Html.ReadAsync(await factory.ClientAs(TestData.NewPayNumber(), RoleNames.Admin).GetAsync("/admin", TestContext.Current.CancellationToken));

        Assert.Equal([$"Respond to {fresh.Reference}: {fresh.Title}", $"Respond to {warned.Reference}: {warned.Title}"], page.Texts("main h2.govuk-heading-l").Take(2));
        var done = page.Section($"tasks-{warned.Reference}");
        Assert.Equal(["Completed", "Completed", "Completed", "Completed"], done.Texts(".govuk-task-list__status"));
        Assert.Contains("3 people in it", done.TextContent);
        Assert.StartsWith("/admin/campaigns/", done.QuerySelectorAll("a")[^1].GetAttribute("href"), StringComparison.Ordinal);

        var next = page.Section($"tasks-{fresh.Reference}");
        Assert.Equal(["Completed", "Completed", "Not yet started", "Cannot start yet"], next.Texts(".govuk-task-list__status"));
        Assert.Equal(["Record the incident", "Import the personnel extract", "Import the incident's held-data manifest"], next.Texts("a"));
        Assert.Contains("Import the manifest first", next.TextContent);
    }

    [Fact]
    public async Task AnIncidentsPeople_AreThoseItsManifestMatched_NotCountingPayNumbersOfNoOne()
    {
        await using var factory = new PortalFactory();
        var people = await factory.Data.CreatePeopleAsync(3);
        var incident = await factory.Data.CreateIncidentAsync();
        var manifest = "pay_number,fields_held\r\n" + string.Concat(people.Select(p => $"{p.PayNumber},name;photo\r\n")) + "999999,name\r\n";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<Portal.Core.Imports.ManifestImporter>()
                .ImportAsync(incident.Id, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest)), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(report.Applied);
            Assert.Equal(1, report.UnmatchedCount);
        }

        var page = await Html.ReadAsync(await factory.ClientAs(TestData.NewPayNumber(), RoleNames.Admin).GetAsync("/admin", TestContext.Current.CancellationToken));

        Assert.Contains("3 people in it", page.Section($"tasks-{incident.Reference}").TextContent);
    }

    [Fact]
    public async Task ATaskListsLinks_OpenTheManifestUploadAndTheNotice_AlreadyPointedAtItsIncident()
    {
        await using var factory = new PortalFactory();
        var person = await factory.Data.CreatePersonAsync();
        var other = await factory.Data.CreateIncidentAsync();
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(person, incident, HeldFields.Name);
        var admin = factory.ClientAs(TestData.NewPayNumber(), RoleNames.Admin);
        var ct = TestContext.Current.CancellationToken;
        var tasks = (await Html.ReadAsync(await admin.GetAsync("/admin", ct))).Section($"tasks-{incident.Reference}");
        string Link(string name) => tasks.QuerySelectorAll("a").Single(a => a.TextContent == name).GetAttribute("href")!;

        var upload = await Html.ReadAsync(await admin.GetAsync(Link("Import the incident's held-data manifest"), ct));
        Assert.Equal("Manifest", upload.QuerySelector("input[name='Kind']:checked")?.GetAttribute("value"));
        Assert.Equal(incident.Id.ToString(CultureInfo.InvariantCulture), upload.QuerySelector("#IncidentId option:checked")?.GetAttribute("value"));

        var notice = await Html.ReadAsync(await admin.GetAsync(Link("Warn the people in it"), ct));
        Assert.Equal("Incident", notice.QuerySelector("input[name='Input.Audience']:checked")?.GetAttribute("value"));
        Assert.Equal(incident.Id.ToString(CultureInfo.InvariantCulture), notice.QuerySelector("#Input_AudienceIncidentId option:checked")?.GetAttribute("value"));
        Assert.Equal(incident.Id.ToString(CultureInfo.InvariantCulture), notice.QuerySelector("#Input_IncidentId option:checked")?.GetAttribute("value"));

        // An address naming no incident starts the forms empty, as before.
        var nothing = await Html.ReadAsync(await admin.GetAsync($"/admin/imports?incident={other.Id + incident.Id + 1000}", ct));
        Assert.Null(nothing.QuerySelector("input[name='Kind']:checked"));
    }
}
