using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class WelfareTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(Person Person, HttpClient Client)> UserAsync(params string[] roles)
    {
        var person = await factory.Data.CreatePersonAsync();
        return (person, factory.ClientAs(person.PayNumber, roles));
    }

    private async Task<(Person Requester, string Reference)> RequestAsync(SensitiveRole role = SensitiveRole.None)
    {
        var requester = await factory.Data.CreatePersonAsync(p => p.SensitiveRole = role);
        await using var scope = factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<SupportRequests>().CreateAsync(requester.Id,
            new NewSupportRequest(SupportRequestType.SuspiciousApproach, StatedUrgency.Today, "Someone followed me home.", ContactMethod.Portal, null, true),
            TestContext.Current.CancellationToken);
        return (requester, request.Reference);
    }

    private async Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static int IdOf(string reference) => SupportReference.TryParse(reference, out var id) ? id : throw new ArgumentException(reference);

    public static TheoryData<string, bool, HttpStatusCode> RequestPageMatrix => new()
    {
        { "staff", false, HttpStatusCode.Forbidden },
        { RoleNames.Admin, false, HttpStatusCode.Forbidden },
        { RoleNames.Welfare, false, HttpStatusCode.OK },
        { RoleNames.Welfare, true, HttpStatusCode.NotFound },
        { RoleNames.WelfareLead, false, HttpStatusCode.OK },
        { RoleNames.WelfareLead, true, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(RequestPageMatrix))]
    public async Task RequestPage_OpensOnlyForTheRightRole(string role, bool restricted, HttpStatusCode expected)
    {
        var (_, reference) = await RequestAsync(restricted ? SensitiveRole.Covert : SensitiveRole.None);
        var (_, client) = role == "staff" ? await UserAsync() : await UserAsync(role);

        var get = await client.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);

        Assert.Equal(expected, get.StatusCode);
    }

    [Fact]
    public async Task RestrictedRequest_IsRefusedToWelfareEvenWithAValidFormAndTheAttemptIsAudited()
    {
        var (requester, reference) = await RequestAsync(SensitiveRole.Protection);
        var (officer, welfare) = await UserAsync(RoleNames.Welfare);
        await welfare.GetAsync("/welfare", TestContext.Current.CancellationToken);

        var post = await welfare.SubmitAsync("/welfare", $"/welfare/requests/{reference}?handler=Note", ("Input.Note", "I should not be able to write this"));
        var unknown = await welfare.SubmitAsync("/welfare", "/welfare/requests/SR-999999?handler=Note", ("Input.Note", "I should not be able to write this"));

        // Answered exactly as a reference that names nothing, so no one learns which requests are restricted.
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var (refusedPage, unknownPage) = (await Html.ReadAsync(post), await Html.ReadAsync(unknown));
        Assert.Equal(unknownPage.Title, refusedPage.Title);
        Assert.Equal(unknownPage.QuerySelector("main")!.InnerHtml, refusedPage.QuerySelector("main")!.InnerHtml);
        Assert.False(await DbAsync(db => db.SupportNotes.AnyAsync(n => n.SupportRequestId == IdOf(reference), TestContext.Current.CancellationToken)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SupportRequestRefused && e.ActorPersonId == officer.Id && e.SubjectPersonId == requester.Id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Queue_ShowsRestrictedRequestsToLeadsOnly()
    {
        var (_, restricted) = await RequestAsync(SensitiveRole.CounterTerrorism);
        var (_, ordinary) = await RequestAsync();
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var (_, lead) = await UserAsync(RoleNames.WelfareLead);

        var welfareQueue = await welfare.GetStringAsync("/welfare?status=all&sort=newest", TestContext.Current.CancellationToken);
        var leadQueue = await lead.GetStringAsync("/welfare?status=all&sort=newest", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(restricted, welfareQueue);
        Assert.Contains(ordinary, welfareQueue);
        Assert.Contains(restricted, leadQueue);
    }

    [Fact]
    public async Task ARequestMadeBeforeAnImportPutTheRequesterInASensitiveRole_IsRestrictedFromThenOn()
    {
        var (requester, reference) = await RequestAsync();
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var (_, lead) = await UserAsync(RoleNames.WelfareLead);
        var before = await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);
        await welfare.SubmitAsync($"/welfare/requests/{reference}", $"/welfare/requests/{reference}?handler=Take", ("Input.Version", "0"));
        Assert.NotNull(await DbAsync(db => db.SupportRequests.Where(r => r.Id == IdOf(reference)).Select(r => r.AssignedToPersonId).SingleAsync(TestContext.Current.CancellationToken)));

        await ImportAsync(requester, "covert");
        var request = await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);
        var welfareQueue = await welfare.GetStringAsync("/welfare?status=all&sort=newest", TestContext.Current.CancellationToken);
        var leadView = await lead.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, request.StatusCode);
        Assert.DoesNotContain(requester.PayNumber, await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(reference, welfareQueue);
        Assert.Equal(HttpStatusCode.OK, leadView.StatusCode);
        Assert.Null(await DbAsync(db => db.SupportRequests.Where(r => r.Id == IdOf(reference)).Select(r => r.AssignedToPersonId).SingleAsync(TestContext.Current.CancellationToken)));

        await ImportAsync(requester, "none");
        Assert.Equal(HttpStatusCode.OK, (await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>Imports a personnel extract of this one person as they are, but for their sensitive role.</summary>
    private async Task ImportAsync(Person person, string sensitiveRole)
    {
        var file = "pay_number,given_name,family_name,personnel_type,rank_or_grade,unit,work_location,vetting_level,email,sensitive_role,status\n" +
            $"{person.PayNumber},{person.GivenName},{person.FamilyName},officer,{person.RankOrGrade},{person.Unit},{person.WorkLocation},{person.VettingLevel},{person.Email},{sensitiveRole},active\n";
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<Portal.Core.Imports.PersonnelImporter>()
            .ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(file)), TestContext.Current.CancellationToken);
        Assert.True(report.Applied, string.Join("; ", report.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task EveryViewOfARequest_IsAudited()
    {
        var (requester, reference) = await RequestAsync();
        var (officer, welfare) = await UserAsync(RoleNames.Welfare);

        await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);
        await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken);

        var events = await DbAsync(db => db.AuditEvents.Where(e => e.Target == reference && e.Action == AuditActions.SupportRequestViewed).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((officer.Id, requester.Id), (e.ActorPersonId!.Value, e.SubjectPersonId!.Value)));
    }

    [Fact]
    public async Task WelfareOfficer_TakesMovesMessagesAndNotes_AndTheRequesterSeesTheMessageNotTheNote()
    {
        var (requester, reference) = await RequestAsync();
        var (officer, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        async Task<string> VersionAsync() => (await Html.ReadAsync(await welfare.GetAsync(page, TestContext.Current.CancellationToken))).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        await welfare.SubmitAsync(page, $"{page}?handler=Take", ("Input.Version", await VersionAsync()));
        await welfare.SubmitAsync(page, $"{page}?handler=Status", ("Input.Version", await VersionAsync()), ("Input.Status", "InProgress"));
        await welfare.SubmitAsync(page, $"{page}?handler=Message", ("Input.Message", "We will visit tomorrow at 10."));
        var last = await welfare.SubmitAsync(page, $"{page}?handler=Note", ("Input.Note", "Check ANPR for the car."));

        var after = await welfare.FollowAsync(last);
        Assert.Equal($"{officer.GivenName} {officer.FamilyName}", after.Section("assigned").TextContent);
        Assert.Equal("In progress", after.Section("status").TextContent);
        Assert.Contains("Check ANPR for the car.", after.Section("notes").TextContent);
        Assert.Contains(after.Section("history").Texts("li"), h => h.EndsWith($"Taken by {officer.GivenName} {officer.FamilyName}", StringComparison.Ordinal));

        var mine = await factory.ClientAs(requester.PayNumber).GetStringAsync($"/support/{reference}", TestContext.Current.CancellationToken);
        Assert.Contains("We will visit tomorrow at 10.", mine);
        Assert.DoesNotContain("ANPR", mine);
        Assert.Contains("In progress", mine);
    }

    [Fact]
    public async Task RefusedTransition_IsExplainedNotFailed()
    {
        var (_, reference) = await RequestAsync();
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        var version = (await Html.ReadAsync(await welfare.GetAsync(page, TestContext.Current.CancellationToken))).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var response = await welfare.SubmitAsync(page, $"{page}?handler=Status", ("Input.Version", version), ("Input.Field", "Input.Status"), ("Input.Status", "Closed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["A request that is new cannot be moved to closed."], (await Html.ReadAsync(response)).Texts(".govuk-error-summary a"));
    }

    [Fact]
    public async Task TwoWelfareOfficersChangingTheSameRequest_TheSecondIsToldAndNothingIsLost()
    {
        var (_, reference) = await RequestAsync();
        var (_, first) = await UserAsync(RoleNames.Welfare);
        var (_, second) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        var seen = (await Html.ReadAsync(await second.GetAsync(page, TestContext.Current.CancellationToken))).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        await first.SubmitAsync(page, $"{page}?handler=Status", ("Input.Version", seen), ("Input.Status", "Triaged"));
        var late = await second.SubmitAsync(page, $"{page}?handler=Status", ("Input.Version", seen), ("Input.Status", "InProgress"));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var shown = await Html.ReadAsync(late);
        Assert.Contains("Someone else changed this request while you had it open", shown.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("Triaged", shown.Section("status").TextContent);
        Assert.Equal(SupportRequestStatus.Triaged, await DbAsync(db => db.SupportRequests.Where(r => r.Id == IdOf(reference)).Select(r => r.Status).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task PriorityOverride_NeedsAReasonAndIsShownAndAudited()
    {
        var (_, reference) = await RequestAsync();
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        var version = (await Html.ReadAsync(await welfare.GetAsync(page, TestContext.Current.CancellationToken))).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var noReason = await Html.ReadAsync(await welfare.SubmitAsync(page, $"{page}?handler=Priority", ("Input.Version", version), ("Input.Field", "Input.Reason"), ("Input.Priority", "Low")));
        var withReason = await welfare.FollowAsync(await welfare.SubmitAsync(page, $"{page}?handler=Priority", ("Input.Version", version), ("Input.Field", "Input.Reason"), ("Input.Priority", "Low"), ("Input.Reason", "Spoke to them: the car was a neighbour's.")));

        Assert.Equal(["Give a reason for changing the priority"], noReason.Texts(".govuk-error-summary a"));
        Assert.Equal("Low", withReason.Section("priority").TextContent);
        Assert.Contains("set to Low by hand: Spoke to them", withReason.Body!.TextContent);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Target == reference && e.Action == AuditActions.PriorityOverridden, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("staff")]
    [InlineData(RoleNames.Admin)]
    public async Task EveryWelfareAction_IsForbiddenToOtherRolesEvenWithAValidForm(string role)
    {
        var (_, reference) = await RequestAsync();
        var (_, client) = role == "staff" ? await UserAsync() : await UserAsync(role);
        var page = $"/welfare/requests/{reference}";

        foreach (var handler in new[] { "Status", "Take", "Give", "Priority", "Note", "Message" })
        {
            var response = await client.SubmitAsync("/support/new", $"{page}?handler={handler}",
                ("Input.Version", "0"), ("Input.Status", "Triaged"), ("Input.Priority", "Low"), ("Input.Reason", "x"), ("Input.Note", "x"), ("Input.Message", "x"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(0, await DbAsync(db => db.SupportNotes.CountAsync(n => n.SupportRequestId == IdOf(reference), TestContext.Current.CancellationToken)));
        Assert.Equal(0, await DbAsync(db => db.SupportMessages.CountAsync(m => m.SupportRequestId == IdOf(reference), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ScriptTypedByTheWelfareTeam_ComesBackAsTextOnBothSides()
    {
        const string payload = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
        var (requester, reference) = await RequestAsync();
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        await welfare.SubmitAsync(page, $"{page}?handler=Message", ("Input.Message", payload));
        await welfare.SubmitAsync(page, $"{page}?handler=Note", ("Input.Note", payload));

        var teamView = await Html.ReadAsync(await welfare.GetAsync(page, TestContext.Current.CancellationToken));
        var requesterView = await Html.ReadAsync(await factory.ClientAs(requester.PayNumber).GetAsync($"/support/{reference}", TestContext.Current.CancellationToken));

        Assert.Equal([payload], teamView.Section("notes").Texts(".portal-preserve-lines"));
        Assert.Equal([payload], requesterView.Section("messages").Texts(".portal-preserve-lines"));
        foreach (var view in new[] { teamView, requesterView })
        {
            Assert.DoesNotContain(view.QuerySelectorAll("main *"), e => e.LocalName is "script" or "img" || e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task TextThatWouldReverseItsOwnDirection_ReachesTheOtherSideWithoutTheControls()
    {
        var (requester, _) = await UserAsync();
        var requesterClient = factory.ClientAs(requester.PayNumber);
        var reference = await requesterClient.AskForSupportAsync("Call me on \u202E0987 009 00770\u202C please");
        var (_, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";
        await welfare.SubmitAsync(page, $"{page}?handler=Message", ("Input.Message", "We will \u2067call\u2069 you \u202Dtoday"));

        var teamView = await Html.ReadAsync(await welfare.GetAsync(page, TestContext.Current.CancellationToken));
        var requesterView = await Html.ReadAsync(await requesterClient.GetAsync($"/support/{reference}", TestContext.Current.CancellationToken));

        Assert.Contains("Call me on 0987 009 00770 please", teamView.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["We will call you today"], requesterView.Section("messages").Texts(".portal-preserve-lines"));
        Assert.Equal("Call me on 0987 009 00770 please", await DbAsync(db => db.SupportRequests.Where(r => r.Id == IdOf(reference)).Select(r => r.Description).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AChangeRefusedForWantOfAnAnswer_ShowsTheRequestAgain_AndThatViewIsAudited()
    {
        var (requester, reference) = await RequestAsync();
        var (officer, welfare) = await UserAsync(RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";

        var response = await welfare.SubmitAsync(page, $"{page}?handler=Status", ("Input.Version", "0"));
        var views = await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SupportRequestViewed && e.Target == reference && e.ActorPersonId == officer.Id, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(requester.PayNumber, (await Html.ReadAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // One for opening the page to get its form, one for the page shown again with the error.
        Assert.Equal(2, views);
    }

    [Fact]
    public async Task UnknownOrMalformedReference_IsNotFound()
    {
        var (_, welfare) = await UserAsync(RoleNames.WelfareLead);

        foreach (var reference in new[] { "SR-999999", "SR-abc", "..%2F..%2Fadmin" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await welfare.GetAsync($"/welfare/requests/{reference}", TestContext.Current.CancellationToken)).StatusCode);
        }
    }
}
