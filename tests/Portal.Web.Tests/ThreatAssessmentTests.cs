using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Text;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// The threat assessment as a step of a request: recorded by welfare, version-checked and audited, starting from what
/// the portal knows, with the outcome sent to the person as a message and everything else kept from them.
/// </summary>
public sealed class ThreatAssessmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NextMonth(out (string Day, string Month, string Year) parts)
    {
        var review = UkTime.DateOf(DateTime.UtcNow).AddMonths(1);
        parts = (review.Day.ToString(CultureInfo.InvariantCulture), review.Month.ToString(CultureInfo.InvariantCulture), review.Year.ToString(CultureInfo.InvariantCulture));
        return review.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
    }

    private async Task<(Person Requester, SupportRequest Request)> RequestAsync(Action<Person>? person = null)
    {
        var requester = await factory.Data.CreatePersonAsync(person);
        await using var scope = factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<SupportRequests>().CreateAsync(requester.Id,
            new NewSupportRequest(SupportRequestType.SuspiciousApproach, StatedUrgency.Today, "A man asked for me by name at my child's school.", ContactMethod.Portal, null, true), Cancel);
        return (requester, request);
    }

    private static (string, string)[] Form(int version, string level, string review, params (string, string)[] more)
    {
        _ = NextMonth(out var date);
        return
        [
            ("Assessment.Version", version.ToString(CultureInfo.InvariantCulture)), ("Assessment.Level", level),
            ("Assessment.ReviewDay", review == "next month" ? date.Day : review), ("Assessment.ReviewMonth", review == "next month" ? date.Month : "1"),
            ("Assessment.ReviewYear", review == "next month" ? date.Year : "2020"),
            .. Enumerable.Range(0, 6).Select(i => ($"Assessment.Measures[{i}].Kind", ((ProtectiveMeasureKind)i).ToString())),
            .. more,
        ];
    }

    [Fact]
    public async Task AnOfficerRecordsAnAssessment_ThePersonIsToldTheOutcome_AndNeverSeesTheLevelFactorsOrReasoning()
    {
        var (requester, request) = await RequestAsync();
        var officer = await factory.Data.CreatePersonAsync();
        var welfare = factory.ClientAs(officer.PayNumber, RoleNames.Welfare);
        var page = $"/welfare/requests/{request.Reference}";
        var reviewOn = NextMonth(out _);

        var saved = await welfare.SubmitAsync(page, page + "?handler=Assess", Form(0, nameof(ThreatLevel.Substantial), "next month",
            ("Assessment.Factors", nameof(ThreatFactors.ApproachOrContact)), ("Assessment.Factors", nameof(ThreatFactors.HomeOrFamilyIdentified)),
            ("Assessment.Measures[2].Status", nameof(ProtectiveMeasureStatus.Agreed)), ("Assessment.Measures[2].Owner", "Force Security"),
            ("Assessment.Measures[3].Status", nameof(ProtectiveMeasureStatus.Recommended)), ("Assessment.Measures[3].Owner", "Estates"),
            ("Assessment.Notes", "The school approach matches a pattern seen in the east of the county."),
            ("Assessment.Outcome", "We have looked at the risk to you and your family. We will survey your home's security this week and are arranging an alarm.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var shown = await Html.ReadAsync(await welfare.GetAsync(page, Cancel));
        Assert.StartsWith("Substantial", shown.Section("assessment-level").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Home security survey: agreed, owned by Force Security", "Alarm or panic button: recommended, owned by Estates"], shown.Section("assessment-measures").Texts("li"));
        Assert.Equal(reviewOn, shown.Section("assessment-review").TextContent);
        Assert.Contains("Threat assessment recorded", shown.Section("history").TextContent, StringComparison.Ordinal);

        // The person sees the outcome as a message, and nothing else of the assessment.
        var theirs = await (await factory.ClientAs(requester.PayNumber).GetAsync($"/support/{request.Reference}", Cancel)).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("We will survey your home&#x27;s security this week", theirs, StringComparison.Ordinal);
        foreach (var internalWord in new[] { "Substantial", "pattern seen in the east", "Force Security", "Estates", "assessment recorded" })
        {
            Assert.DoesNotContain(internalWord, theirs, StringComparison.OrdinalIgnoreCase);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var audited = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ThreatAssessed && e.Target == request.Reference, Cancel);
        Assert.Equal((officer.Id, requester.Id), (audited.ActorPersonId, audited.SubjectPersonId));
        Assert.StartsWith("level Substantial; factors ApproachOrContact, HomeOrFamilyIdentified; measures HomeSecuritySurvey Agreed, AlarmOrPanicButton Recommended", audited.Detail, StringComparison.Ordinal);
        Assert.NotNull((await db.SupportRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id, Cancel)).FirstContactUtc);
    }

    [Fact]
    public async Task WhatIsWrong_IsSaidAtEachField_AndNothingIsSaved()
    {
        var (_, request) = await RequestAsync();
        var officer = await factory.Data.CreatePersonAsync();
        var welfare = factory.ClientAs(officer.PayNumber, RoleNames.Welfare);
        var page = $"/welfare/requests/{request.Reference}";

        var refused = await welfare.SubmitAsync(page, page + "?handler=Assess", Form(0, nameof(ThreatLevel.Moderate), "1",
            ("Assessment.Measures[4].Status", nameof(ProtectiveMeasureStatus.Recommended)), ("Assessment.Measures[4].Owner", " ")));
        var shown = await Html.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
        [
            "Enter who owns \"change of duties\": a person, or a team such as Force Security",
            "The review date must be in the future",
            "Write what to tell them about the outcome. They see this as a message; the level, factors and your notes stay internal",
        ], shown.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("#Assessment_Measures_4__Owner", shown.QuerySelectorAll(".govuk-error-summary__list a").Single(a => a.TextContent.StartsWith("Enter who owns", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.True(shown.QuerySelector("#Assessment_Level_Moderate")!.HasAttribute("checked"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ThreatAssessments.AnyAsync(a => a.SupportRequestId == request.Id, Cancel));
    }

    [Fact]
    public async Task TwoOfficersAssessingAtOnce_TheSecondIsToldAndKeepsNothing_TheFirstStands()
    {
        var (_, request) = await RequestAsync();
        var (first, second) = (await factory.Data.CreatePersonAsync(), await factory.Data.CreatePersonAsync());
        var page = $"/welfare/requests/{request.Reference}";
        var (a, b) = (factory.ClientAs(first.PayNumber, RoleNames.Welfare), factory.ClientAs(second.PayNumber, RoleNames.Welfare));

        // Both opened the page with no assessment (version 0); the first saves, then the second.
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitAsync(page, page + "?handler=Assess", Form(0, nameof(ThreatLevel.Low), "next month", ("Assessment.Outcome", "Low risk: our advice is attached.")))).StatusCode);
        var late = await Html.ReadAsync(await b.SubmitAsync(page, page + "?handler=Assess", Form(0, nameof(ThreatLevel.Severe), "next month", ("Assessment.Outcome", "Severe: we are moving you tonight."))));

        Assert.Contains("Someone else recorded an assessment of this request while you had it open", late.QuerySelector("#conflict")!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(ThreatLevel.Low, (await db.ThreatAssessments.AsNoTracking().SingleAsync(x => x.SupportRequestId == request.Id, Cancel)).Level);
        Assert.Equal(["Low risk: our advice is attached."], await db.SupportMessages.AsNoTracking().Where(m => m.SupportRequestId == request.Id).Select(m => m.Body).ToListAsync(Cancel));

        // Changed from the version now shown, it goes through, without a message when none is written.
        var changed = await b.SubmitAsync(page, page + "?handler=Assess", Form(1, nameof(ThreatLevel.Moderate), "next month"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var now = await db.ThreatAssessments.AsNoTracking().SingleAsync(x => x.SupportRequestId == request.Id, Cancel);
        Assert.Equal((ThreatLevel.Moderate, 2), (now.Level, now.Version));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ThreatAssessmentChanged && e.Target == request.Reference && e.ActorPersonId == second.Id, Cancel));
    }

    [Fact]
    public async Task AFirstAssessment_StartsFromTheExposureAndRole_AndARestrictedRequestIsAssessedByLeadsOnly()
    {
        var incident = await factory.Data.CreateIncidentAsync();
        var (requester, request) = await RequestAsync(p => (p.VettingLevel, p.SensitiveRole) = (VettingLevel.SC, SensitiveRole.Covert));
        await factory.Data.AddExposureAsync(requester, incident, HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo);
        var page = $"/welfare/requests/{request.Reference}";

        var officer = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Welfare);
        var refused = await officer.SubmitAsync("/welfare", page + "?handler=Assess", Form(0, nameof(ThreatLevel.Low), "next month", ("Assessment.Outcome", "Low.")));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var lead = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Welfare, RoleNames.WelfareLead);
        var form = await Html.ReadAsync(await lead.GetAsync(page, Cancel));
        var ticked = form.QuerySelectorAll("input[name='Assessment.Factors'][checked]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([nameof(ThreatFactors.PhotoExposed), nameof(ThreatFactors.NameAndRankExposed), nameof(ThreatFactors.RareName), nameof(ThreatFactors.SensitiveRole), nameof(ThreatFactors.HighVetting), nameof(ThreatFactors.ApproachOrContact)], ticked);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ThreatAssessments.AnyAsync(a => a.SupportRequestId == request.Id, Cancel));
    }

    [Fact]
    public async Task TheQueue_FindsRequestsAwaitingAnAssessment_AndThoseWhoseReviewHasCome()
    {
        var (_, waiting) = await RequestAsync();
        var (_, assessed) = await RequestAsync();
        var officer = await factory.Data.CreatePersonAsync();
        _ = NextMonth(out var date);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ThreatAssessments>().SaveAsync(new Portal.Core.Audit.Actor(officer.Id, "officer", null), assessed.Id, 0,
                new AssessmentInput(ThreatLevel.Low, ThreatFactors.None, null, date.Day, date.Month, date.Year, [], "Low: our advice follows."), Cancel);
            // A month on: its review day has come.
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ThreatAssessments.Where(a => a.SupportRequestId == assessed.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.ReviewOn, UkTime.DateOf(DateTime.UtcNow)), Cancel);
        }

        var client = factory.ClientAs(officer.PayNumber, RoleNames.Welfare);
        var awaiting = (await Html.ReadAsync(await client.GetAsync("/welfare?assessment=awaiting&status=all&sort=newest", Cancel))).Section("queue")
            .QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-reference")).ToList();
        var review = (await Html.ReadAsync(await client.GetAsync("/welfare?assessment=review", Cancel))).Section("queue")
            .QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-reference")).ToList();

        Assert.Contains(waiting.Reference, awaiting);
        Assert.DoesNotContain(assessed.Reference, awaiting);
        Assert.Contains(assessed.Reference, review);
        Assert.DoesNotContain(waiting.Reference, review);
    }
}
