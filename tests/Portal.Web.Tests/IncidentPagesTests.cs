using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Recording incidents, changing their status and posting updates, as an administrator does and as staff then read them.</summary>
public sealed class IncidentPagesTests
{
    private static readonly (string, string)[] Valid =
    [
        ("Input.Reference", "inc-2026-007"), ("Input.Title", "Pass printer breach"), ("Input.Source", "Acme Passes Ltd"),
        ("Input.Summary", "The firm that prints our passes was broken into."), ("Input.Status", "Investigating"),
        ("Input.OccurredOn", "14/8/2023"), ("Input.DiscoveredOn", "2023-08-21"), ("Input.NotIncluded", "Home addresses\r\nPhone numbers\r\n\r\nhome addresses"),
    ];

    private static (string, string)[] With(params (string Name, string Value)[] changes) =>
        [.. Valid.Select(f => changes.FirstOrDefault(c => c.Name == f.Item1) is { Name: not null } c ? c : f)];

    private static async Task<(PortalFactory Factory, HttpClient Admin)> AdminAsync()
    {
        var factory = new PortalFactory();
        var admin = await factory.Data.CreatePersonAsync();
        return (factory, factory.ClientAs(admin.PayNumber, RoleNames.Admin));
    }

    private static async Task<List<AuditEvent>> AuditAsync(PortalFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Recording_AnEmptyForm_NamesEveryMissingField_InPageOrder_AndSavesNothing()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;

        var response = await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new", ("Input.Reference", ""));
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
        [
            "Enter the incident's reference, such as INC-2023-014.",
            "Enter a title that staff will recognise, such as \"Card supplier breach\".",
            "Enter the supplier or other source that held or released the data.",
            "Enter what happened, in plain English, for every member of the workforce to read.",
            "Choose the incident's status.",
            "Enter the date it happened, such as 14/8/2023. If it is not known yet, enter your best estimate and say so in the summary.",
            "Enter the date it was discovered, such as 21/8/2023.",
        ], page.Texts(".govuk-error-summary__list li"));
        Assert.Empty(await AuditAsync(factory, AuditActions.IncidentCreated));
    }

    [Theory]
    [InlineData("Input.OccurredOn", "31/2/2023", "The date it happened must be a real date, such as 14/8/2023.")]
    [InlineData("Input.DiscoveredOn", "1/8/2023", "The date it was discovered must be on or after the date it happened.")]
    [InlineData("Input.OccurredOn", "1/1/2999", "The date it happened must be today or in the past.")]
    [InlineData("Input.Reference", "INC 7!", "The reference must be 2 to 20 letters, numbers and hyphens, such as INC-2023-014.")]
    public async Task Recording_WithOneBadValue_SaysWhatIsWrongWithIt(string field, string value, string message)
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;

        var page = await Html.ReadAsync(await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new", With((field, value))));

        Assert.Equal([message], page.Texts(".govuk-error-summary__list li"));
        Assert.Equal(message, page.QuerySelector($"#{field.Replace('.', '_')}-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
    }

    [Fact]
    public async Task Recording_AValidIncident_ShowsItToStaff_AndRefusesItsReferenceTwice()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var staff = await factory.Data.CreatePersonAsync();

        var response = await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new", Valid);
        var again = await Html.ReadAsync(await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new", With(("Input.Reference", "INC-2026-007"))));
        var list = await Html.ReadAsync(await admin.GetAsync("/admin/incidents", TestContext.Current.CancellationToken));
        var home = await Html.ReadAsync(await factory.ClientAs(staff.PayNumber).GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/admin/incidents/[0-9]+\\?saved=created$", response.Headers.Location!.OriginalString);
        Assert.Equal(["Another incident already has the reference INC-2026-007. Choose a different one."], again.Texts(".govuk-error-summary__list li"));
        Assert.Contains("INC-2026-007", list.Section("incidents").TextContent, StringComparison.Ordinal);
        var section = home.Section("incident-INC-2026-007");
        Assert.Contains("Pass printer breach", section.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Home addresses – not included for anyone", "Phone numbers – not included for anyone"], section.Texts("[data-testid=not-held] li").Where(t => t.Contains("not included for anyone", StringComparison.Ordinal)));
        Assert.Equal("INC-2026-007: Pass printer breach (Investigating)", Assert.Single(await AuditAsync(factory, AuditActions.IncidentCreated)).Detail);
    }

    [Fact]
    public async Task ChangingTheStatus_AndPostingAnUpdate_AreAudited_AndStaffReadTheUpdate()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;
        var staff = await factory.Data.CreatePersonAsync();
        var created = await admin.SubmitAsync("/admin/incidents/new", "/admin/incidents/new", Valid);
        var address = created.Headers.Location!.OriginalString.Split('?')[0];
        var staffClient = factory.ClientAs(staff.PayNumber);

        // Staff have read the page (what everyone sees alike is then kept for a few seconds) before the update is posted.
        var before = await Html.ReadAsync(await staffClient.GetAsync("/", TestContext.Current.CancellationToken));
        var incidentPage = await Html.ReadAsync(await admin.GetAsync(address, TestContext.Current.CancellationToken));
        var changed = await admin.SubmitAsync(address, address, With(("Input.Status", "Confirmed")));
        var empty = await Html.ReadAsync(await admin.SubmitAsync(address, address + "?handler=Update", ("UpdateText", "   ")));
        var posted = await admin.SubmitAsync(address, address + "?handler=Update", ("UpdateText", "We have confirmed that photos were taken.\nChange your profile pictures."));
        var page = await admin.FollowAsync(posted);
        var home = await Html.ReadAsync(await staffClient.GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Equal(address + "?handler=Update", incidentPage.QuerySelector("form[action*='handler=Update']")!.Target(address));
        Assert.Contains("Investigating", before.Section("incident-INC-2026-007").TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(["Enter the update: what has happened, or what people should now do."], empty.Texts(".govuk-error-summary__list li"));
        Assert.Contains("We have confirmed that photos were taken.", page.Section("timeline").TextContent, StringComparison.Ordinal);
        Assert.Contains("We have confirmed that photos were taken.", home.Section("incident-INC-2026-007").TextContent, StringComparison.Ordinal);
        Assert.Contains("Confirmed", home.Section("incident-INC-2026-007").TextContent, StringComparison.Ordinal);
        Assert.Equal("Investigating → Confirmed", Assert.Single(await AuditAsync(factory, AuditActions.IncidentStatusChanged)).Detail);
        Assert.Single(await AuditAsync(factory, AuditActions.IncidentUpdatePosted));
    }

    [Fact]
    public async Task AnIncidentThatDoesNotExist_IsNotFound()
    {
        var (factory, admin) = await AdminAsync();
        await using var _ = factory;

        var response = await admin.GetAsync("/admin/incidents/999", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
