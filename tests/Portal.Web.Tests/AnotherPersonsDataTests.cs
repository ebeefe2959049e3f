using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// Someone signed in trying to reach what is not theirs — another person's support request by its reference, a notice
/// not sent to them by its id, the administrators' exports — gets nothing, and the attempt is in the audit trail with
/// who tried, whose it was, and what they asked for.
/// </summary>
public sealed class AnotherPersonsDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SomeoneElsesSupportRequest_EveryWayOfAskingIsNotFoundChangesNothingAndIsAudited()
    {
        var owner = await factory.Data.CreatePersonAsync();
        var reference = await factory.ClientAs(owner.PayNumber).AskForSupportAsync();
        var prober = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(prober.PayNumber);

        var answers = new List<HttpStatusCode>();
        foreach (var url in new[] { $"/support/{reference}", $"/support/{reference}/confirmation", $"/support/{reference.ToLowerInvariant()}", $"/support/{reference[3..]}" })
        {
            answers.Add((await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        }

        answers.Add((await client.SubmitAsync("/support/new", $"/support/{reference}?handler=Reply", ("Reply", "Let me in"))).StatusCode);
        answers.Add((await client.SubmitAsync("/support/new", $"/support/{reference}?handler=Withdraw")).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var request = await db.SupportRequests.AsNoTracking().SingleAsync(r => r.PersonId == owner.Id, TestContext.Current.CancellationToken);
            Assert.Equal(SupportRequestStatus.New, request.Status);
            Assert.False(await db.SupportMessages.AnyAsync(m => m.SupportRequestId == request.Id, TestContext.Current.CancellationToken));
        }

        var refused = await RefusalsAsync(prober.Id, AuditActions.AccessRefused);
        Assert.Equal(6, refused.Count);
        Assert.All(refused, e => Assert.Equal((owner.Id, reference), (e.SubjectPersonId!.Value, e.Target!)));
    }

    [Fact]
    public async Task ANoticeNotSentToYou_IsNotFoundCannotBeAcknowledgedAndIsAudited()
    {
        var recipient = await factory.Data.CreatePersonAsync();
        var prober = await factory.Data.CreatePersonAsync();
        var campaignId = await factory.Data.SendNoticeAsync(recipient);

        var client = factory.ClientAs(prober.PayNumber);

        var read = await client.GetAsync($"/notices/{campaignId}", TestContext.Current.CancellationToken);
        var acknowledge = await client.SubmitAsync("/notices", $"/notices/{campaignId}");
        var theirs = await factory.ClientAs(recipient.PayNumber).GetAsync($"/notices/{campaignId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, acknowledge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Acknowledgements.AnyAsync(a => a.PersonId == prober.Id, TestContext.Current.CancellationToken));
        }

        var refused = await RefusalsAsync(prober.Id, AuditActions.AccessRefused);
        Assert.Equal([$"campaign/{campaignId}", $"campaign/{campaignId}"], refused.Select(e => e.Target));
    }

    [Fact]
    public async Task AReferenceThatNamesNothing_IsNotFoundLikeSomeoneElsesAndRecordsNothing()
    {
        var prober = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(prober.PayNumber);

        var request = await client.GetAsync("/support/SR-999999", TestContext.Current.CancellationToken);
        var notice = await client.GetAsync("/notices/999999", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, request.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notice.StatusCode);
        Assert.Empty(await RefusalsAsync(prober.Id, AuditActions.AccessRefused));
    }

    public static TheoryData<string, string> Exports => new()
    {
        { "staff", "/admin/audit?handler=Export" },
        { "staff", "/admin/campaigns/1/failures?handler=Download" },
        { "staff", "/admin/imports/1?handler=Report" },
        { RoleNames.Welfare, "/admin/audit?handler=Export" },
        { RoleNames.WelfareLead, "/admin/imports/1?handler=Report" },
        { "staff", "/welfare?view=all" },
        { RoleNames.Admin, "/welfare/requests/SR-000001" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task AnExportOrWorkspaceYourRoleDoesNotOpen_IsForbiddenAndAudited(string role, string url)
    {
        var prober = await factory.Data.CreatePersonAsync();
        var client = role == "staff" ? factory.ClientAs(prober.PayNumber) : factory.ClientAs(prober.PayNumber, role);

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var forbidden = Assert.Single(await RefusalsAsync(prober.Id, AuditActions.AccessForbidden));
        Assert.Equal(url.Split('?')[0], forbidden.Target);
    }

    [Fact]
    public async Task ManyRefusalsInAMinute_AreAllRefused_ButOnlyTheFirstFewAreWrittenToTheTrail_EachCutShort()
    {
        var prober = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(prober.PayNumber);
        // The jobs dashboard answers any address below it, so its path is text of the caller's choosing.
        var chosenText = "/admin/jobs/" + new string('x', 2_000);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await client.GetAsync($"{chosenText}{i}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        var recorded = await RefusalsAsync(prober.Id, AuditActions.AccessForbidden);
        Assert.Equal(10, recorded.Count);
        Assert.All(recorded, e => Assert.True(e.Target!.Length <= 100, $"A refused request wrote {e.Target!.Length} characters."));
    }

    [Fact]
    public async Task Anonymous_IsAskedToSignInAndNothingIsRecordedAgainstAnyone()
    {
        long before;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.MaxAsync(e => (long?)e.Id, TestContext.Current.CancellationToken) ?? 0;
        }

        var response = await factory.AnonymousClient().GetAsync("/admin/audit?handler=Export", TestContext.Current.CancellationToken);

        Assert.True(factory.AsksToSignIn(response));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
                .CountAsync(e => e.Action == AuditActions.AccessForbidden && e.Id > before, TestContext.Current.CancellationToken));
        }
    }

    private async Task<List<AuditEvent>> RefusalsAsync(int actorPersonId, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorPersonId == actorPersonId && e.Action == action).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
