using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Core.Support;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// The warnings before a target is missed, and the reminders of reviews due: to the assignee and the leads, in the
/// portal and by one e-mail each that names no one, and each target warned of once however often the job runs.
/// </summary>
public sealed class WelfareAlertsTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestClock clock = new();
    private readonly string mail = Directory.CreateTempSubdirectory("portal-alert-mail-").FullName;
    private readonly PortalFactory factory;

    public WelfareAlertsTests()
    {
        // Monday 7 December 2026, 09:30 in London (GMT).
        clock.Set(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));
        factory = new PortalFactory { AppClock = clock, Settings = { ["Mail:Delivery"] = "Pickup", ["Mail:PickupDirectory"] = mail } };
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(mail, recursive: true);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WelfareAlertJob>().RunAsync(Cancel);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().WelfareAlerts.CountAsync(Cancel);
    }

    /// <summary>Signs in at the real time (a real sign-in's tokens are checked against the portal's clock), then puts the scenario's time back.</summary>
    private HttpClient SignIn(Person person, params string[] roles)
    {
        var scenario = clock.GetUtcNow();
        clock.Set(DateTimeOffset.UtcNow);
        try
        {
            return factory.ClientAs(person.PayNumber, roles);
        }
        finally
        {
            clock.Set(scenario);
        }
    }

    private List<string> Mail() => [.. Directory.GetFiles(mail, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    private async Task<Person> TeamMemberAsync(bool lead)
    {
        var person = await factory.Data.CreatePersonAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.WelfareTeamMembers.Add(new WelfareTeamMember { PersonId = person.Id, IsLead = lead, LastSeenUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Cancel);
        return person;
    }

    [Fact]
    public async Task ATargetComingUp_IsWarnedOfOnceToTheAssigneeAndTheLeads_InThePortalAndByAnEMailThatNamesNoOne()
    {
        var officer = await TeamMemberAsync(lead: false);
        var lead = await TeamMemberAsync(lead: true);
        var requester = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName) = ("Ruairí", "Mac Giolla"));
        SupportRequest request;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            request = await scope.ServiceProvider.GetRequiredService<SupportRequests>().CreateAsync(requester.Id,
                new NewSupportRequest(SupportRequestType.SuspiciousApproach, StatedUrgency.ThisWeek, "A van outside the station every night.", ContactMethod.Portal, null, true), Cancel);
            await scope.ServiceProvider.GetRequiredService<SupportRequests>().AssignAsync(lead.Id, request.Id, request.Version, officer.Id, Cancel);
        }

        // Its first contact is due at 11:00 (a working day, within the two hours' warning); resolution is days away.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var due = new DateTime(2026, 12, 7, 11, 0, 0, DateTimeKind.Utc);
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.Where(r => r.Id == request.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.FirstContactDueUtc, due).SetProperty(r => r.DueUtc, due.AddDays(3)), Cancel);
        }

        Assert.Equal(2, await RunAsync());
        Assert.Equal(2, await RunAsync());
        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(2, await RunAsync());

        var sent = Mail();
        Assert.Equal(2, sent.Count);
        foreach (var message in sent)
        {
            Assert.Contains($"{request.Reference}: first contact due by 11:00 Mon 7 Dec", message, StringComparison.Ordinal);
            foreach (var personal in new[] { "Ruairí", "Mac Giolla", requester.PayNumber, "A van outside" })
            {
                Assert.DoesNotContain(personal, message, StringComparison.Ordinal);
            }
        }

        Assert.Single(sent, m => m.Contains(officer.Email, StringComparison.Ordinal));
        Assert.Single(sent, m => m.Contains(lead.Email, StringComparison.Ordinal));

        var page = await Html.ReadAsync(await SignIn(officer, RoleNames.Welfare).GetAsync("/welfare/alerts", Cancel));
        Assert.Equal([$"{request.Reference}: first contact due by 11:00 Mon 7 Dec (warned 09:30 7 Dec)"], page.Section("alerts").Texts("li"));

        // Once missed, it is overdue on the queue, and not warned of again.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, await RunAsync());
        Assert.Equal(2, Mail().Count);
    }

    [Fact]
    public async Task AnAssessmentDueForReview_RemindsTheAssigneeAndTheLeads_OnItsDay()
    {
        var officer = await TeamMemberAsync(lead: false);
        var lead = await TeamMemberAsync(lead: true);
        var requester = await factory.Data.CreatePersonAsync();
        SupportRequest request;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<SupportRequests>();
            request = await requests.CreateAsync(requester.Id,
                new NewSupportRequest(SupportRequestType.Family, StatedUrgency.NoRush, "My daughter was asked where I work.", ContactMethod.Portal, null, true), Cancel);
            await requests.AssignAsync(officer.Id, request.Id, request.Version, officer.Id, Cancel);
            await scope.ServiceProvider.GetRequiredService<ThreatAssessments>().SaveAsync(new Actor(officer.Id, "officer", null), request.Id, 0,
                new AssessmentInput(ThreatLevel.Moderate, ThreatFactors.HomeOrFamilyIdentified, null, "9", "12", "2026", [], "We have assessed the risk and will review it on Wednesday."), Cancel);
        }

        // Targets are met for now: the first contact was the outcome's message; the resolution is days away.
        Assert.Equal(0, await RunAsync());

        // Wednesday 9 December, 07:00: the review is due.
        clock.Set(new DateTimeOffset(2026, 12, 9, 7, 0, 0, TimeSpan.Zero));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Its resolution is not due soon, so only the review is warned of.
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.Where(r => r.Id == request.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.DueUtc, new DateTime(2026, 12, 20, 12, 0, 0, DateTimeKind.Utc)), Cancel);
        }

        Assert.Equal(2, await RunAsync());
        Assert.Equal(2, await RunAsync());
        var sent = Mail();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.Contains($"{request.Reference}: threat assessment due for review on Wed 9 Dec", m, StringComparison.Ordinal));

    }
}
