using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Schemes;

/// <summary>Protection schemes: set up by administrators, checked at each field, and open to exactly the people of their audience while open.</summary>
public sealed class SchemeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Day(int fromToday) => UkTime.DateOf(DateTime.UtcNow).AddDays(fromToday).ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<int> SchemeAsync(AudienceKind audience, int? incident = null, string? units = null, int opens = -1, int closes = 30)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ClaimSchemes>().SaveAsync(new Actor(null, "admin", null), null, 0,
            new SchemeInput(NewCode(), "Home security grant", "Locks, lights and cameras", SchemeKind.FlatPayment, "100", audience, incident, units, Day(opens), Day(closes), "Your declaration"), Cancel))!.Value;
    }

    private async Task<List<int>> OpenToAsync(Person person)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<ClaimSchemes>().OpenToAsync(person.Id, Cancel)).Select(s => s.Id)];
    }

    [Fact]
    public async Task EachScheme_IsOpenToItsAudience_AndOnlyBetweenItsFirstAndLastDays()
    {
        var incident = await factory.Data.CreateIncidentAsync();
        var unit = "Dog Section " + Guid.NewGuid().ToString("N")[..6];
        var held = await factory.Data.CreatePersonAsync();
        await factory.Data.AddExposureAsync(held, incident, HeldFields.Name | HeldFields.Photo);
        var inUnit = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var neither = await factory.Data.CreatePersonAsync();
        var leaver = await factory.Data.CreatePersonAsync(p => (p.Unit, p.Status) = (unit, PersonStatus.Leaver));
        await factory.Data.AddExposureAsync(leaver, incident, HeldFields.Name);

        var everyone = await SchemeAsync(AudienceKind.EveryoneActive);
        var ofIncident = await SchemeAsync(AudienceKind.Incident, incident: incident.Id);
        var ofUnit = await SchemeAsync(AudienceKind.Units, units: unit);
        var closed = await SchemeAsync(AudienceKind.EveryoneActive, opens: -30, closes: -1);
        var notYet = await SchemeAsync(AudienceKind.EveryoneActive, opens: 1, closes: 30);

        // Other tests' schemes for everyone are open to them too: only these five are looked at.
        int[] these = [everyone, ofIncident, ofUnit, closed, notYet];
        Assert.Equal([everyone, ofIncident], (await OpenToAsync(held)).Intersect(these).Order());
        Assert.Equal([everyone, ofUnit], (await OpenToAsync(inUnit)).Intersect(these).Order());
        Assert.Equal([everyone], (await OpenToAsync(neither)).Intersect(these));
        Assert.Empty(await OpenToAsync(leaver));
    }

    [Fact]
    public async Task AnAdministrator_SetsUpAScheme_EachMistakeSaidAtItsField_ThenSavedAndAudited()
    {
        var admin = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);
        var code = NewCode();

        var refused = await Html.ReadAsync(await client.SubmitAsync("/admin/schemes/new", "/admin/schemes/new",
            ("Version", "0"), ("Code", "x"), ("Name", "Home security grant"), ("Covers", "Locks and lights"), ("Kind", nameof(SchemeKind.Reimbursement)),
            ("Amount", "12.345"), ("Audience", nameof(AudienceKind.Units)), ("Units", "No Such Unit"), ("OpensOn", Day(10)), ("ClosesOn", Day(1)), ("EvidenceNeeded", "")));
        Assert.Equal(
        [
            "Enter the code payroll knows the payments by: 2 to 20 letters, digits or hyphens, like HSG26",
            "Enter the most one person may be reimbursed, in pounds and pence, like 400 or 400.00",
            "No one works in No Such Unit. Enter units as the personnel records name them",
            "The last day must be on or after the first",
            "Say what evidence a claim needs, or that a declaration is enough",
        ], refused.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent).ToArray());
        Assert.Equal("Locks and lights", refused.QuerySelector("#Covers")!.TextContent);

        var saved = await client.SubmitAsync("/admin/schemes/new", "/admin/schemes/new",
            ("Version", "0"), ("Code", code.ToLowerInvariant()), ("Name", "Home security grant"), ("Covers", "Locks and lights"), ("Kind", nameof(SchemeKind.Reimbursement)),
            ("Amount", "£1,500"), ("Audience", nameof(AudienceKind.EveryoneActive)), ("OpensOn", Day(0)), ("ClosesOn", Day(60)), ("EvidenceNeeded", "A receipt for each item"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await client.FollowAsync(saved);
        var row = list.QuerySelector($"tr[data-code='{code}']")!;
        Assert.Contains("Receipts, up to £1,500.00 a person", row.TextContent, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var scheme = await db.ProtectionSchemes.AsNoTracking().SingleAsync(s => s.Code == code, Cancel);
        Assert.Equal(150_000, scheme.AmountPence);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ClaimSchemeSaved && e.Target == ClaimSchemes.Target(scheme.Id) && e.ActorPersonId == admin.Id, Cancel));
    }

    [Fact]
    public async Task ASchemeIsAnnounced_WithANoticeToThePeopleWhoMayClaim_ThatNamesNoOne()
    {
        var unit = "Announce " + Guid.NewGuid().ToString("N")[..6];
        await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var admin = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);
        var scheme = await ReimbursementTests.ReimbursementSchemeAsync(factory, unit, cap: "400");

        var page = await Html.ReadAsync(await client.GetAsync($"/admin/schemes/{scheme}", Cancel));
        var link = page.Section("announce").GetAttribute("href")!;
        var draft = await Html.ReadAsync(await client.GetAsync(link, Cancel));

        Assert.Equal("You can claim: Home security costs", draft.QuerySelector("#Input_Subject")!.GetAttribute("value"));
        var body = draft.QuerySelector("#Input_Body")!.TextContent;
        Assert.Contains("It pays back what you spend, up to £400.00 in all, with your salary.", body, StringComparison.Ordinal);
        Assert.Contains("((notice_link))", body, StringComparison.Ordinal);
        Assert.Contains("Dear ((given_name)),", body, StringComparison.Ordinal);
        Assert.NotNull(draft.QuerySelector($"input[name='Input.Audience'][value='{nameof(AudienceKind.Units)}'][checked]"));
        Assert.NotNull(draft.QuerySelector($"input[name='Input.AudienceUnits'][value='{unit}'][checked], option[value='{unit}'][selected]"));
    }
}
