using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Validation;

namespace Portal.Core.Tests;

public sealed class SupportWorkflowTests
{
    private static readonly (SupportRequestStatus From, SupportRequestStatus To)[] Allowed =
    [
        (SupportRequestStatus.New, SupportRequestStatus.Triaged), (SupportRequestStatus.New, SupportRequestStatus.InProgress), (SupportRequestStatus.New, SupportRequestStatus.Withdrawn),
        (SupportRequestStatus.Triaged, SupportRequestStatus.InProgress), (SupportRequestStatus.Triaged, SupportRequestStatus.Withdrawn),
        (SupportRequestStatus.InProgress, SupportRequestStatus.WaitingOnPerson), (SupportRequestStatus.InProgress, SupportRequestStatus.Resolved), (SupportRequestStatus.InProgress, SupportRequestStatus.Withdrawn),
        (SupportRequestStatus.WaitingOnPerson, SupportRequestStatus.InProgress), (SupportRequestStatus.WaitingOnPerson, SupportRequestStatus.Resolved), (SupportRequestStatus.WaitingOnPerson, SupportRequestStatus.Withdrawn),
        (SupportRequestStatus.Resolved, SupportRequestStatus.Closed), (SupportRequestStatus.Resolved, SupportRequestStatus.InProgress),
        (SupportRequestStatus.Closed, SupportRequestStatus.InProgress),
        (SupportRequestStatus.Withdrawn, SupportRequestStatus.InProgress),
    ];

    public static TheoryData<SupportRequestStatus, SupportRequestStatus> EveryPair =>
        [.. from a in Enum.GetValues<SupportRequestStatus>() from b in Enum.GetValues<SupportRequestStatus>() select (a, b)];

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Transition_IsAllowedExactlyWhenTheWorkflowSaysSo(SupportRequestStatus from, SupportRequestStatus to)
    {
        Assert.Equal(Allowed.Contains((from, to)), SupportWorkflow.CanMove(from, to));
    }

    [Theory]
    [InlineData("SR-000123", 123)]
    [InlineData("sr-42", 42)]
    [InlineData(" 7 ", 7)]
    public void Reference_ParsesWhatPeopleType(string text, int id)
    {
        Assert.True(SupportReference.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
        Assert.Equal("SR-000123", SupportReference.Format(123));
    }

    [Theory]
    [InlineData("SR-")]
    [InlineData("SR-12a")]
    [InlineData("SR-0")]
    [InlineData("SR-99999999999")]
    [InlineData("../etc")]
    public void Reference_RejectsAnythingElse(string text) => Assert.False(SupportReference.TryParse(text, out _));
}

public sealed class PriorityCalculatorTests
{
    private static PriorityFactors Factors(SupportRequestType type = SupportRequestType.Other, StatedUrgency urgency = StatedUrgency.NoRush, SensitiveRole role = SensitiveRole.None,
        VettingLevel vetting = VettingLevel.NPPV2, string[]? photo = null, int sharing = 50) =>
        new(type, urgency, role, vetting, photo ?? [], sharing, 5);

    [Fact]
    public void CovertOfficerWithAThreatToday_IsCriticalWithEveryReasonListed()
    {
        var (priority, reasons) = PriorityCalculator.Compute(Factors(SupportRequestType.UrgentThreat, StatedUrgency.Today, SensitiveRole.Covert, VettingLevel.DV, ["the supplier breach"], 1));

        Assert.Equal(Priority.Critical, priority);
        Assert.Equal([
            "Works in a covert role", "Says it is urgent: needs help today", "Asks for an urgent threat or risk assessment",
            "Photo held in the supplier breach", "DV vetting", "Rare name: no one else in the force has this family name"], reasons);
    }

    [Fact]
    public void NothingSpecial_IsLowWithNoReasons()
    {
        var (priority, reasons) = PriorityCalculator.Compute(Factors());

        Assert.Equal(Priority.Low, priority);
        Assert.Empty(reasons);
    }

    [Fact]
    public void PhotoHeldAndWantedThisWeek_IsMedium()
    {
        var (priority, _) = PriorityCalculator.Compute(Factors(urgency: StatedUrgency.ThisWeek, photo: ["the supplier breach"]));

        Assert.Equal(Priority.Medium, priority);
    }

    [Fact]
    public void SuspiciousApproachWithPhotoHeld_IsHigh()
    {
        var (priority, reasons) = PriorityCalculator.Compute(Factors(SupportRequestType.SuspiciousApproach, photo: ["the supplier breach"], sharing: 3));

        Assert.Equal(Priority.High, priority);
        Assert.Contains("Rare name: 3 people in the force share this family name", reasons);
    }
}

public sealed class SupportRequestsTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private int me, someoneElse, covert;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await database.PersonnelImporter().ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", family: "Smith"), Csv.Person("100002", family: "Smith"), Csv.Person("100003", family: "Okonkwo", vetting: "SC", role: "covert")));
        await using var db = database.NewContext();
        var ids = await db.People.ToDictionaryAsync(p => p.PayNumber, p => p.Id, TestContext.Current.CancellationToken);
        (me, someoneElse, covert) = (ids["100001"], ids["100002"], ids["100003"]);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private SupportRequests Service() => new(database.NewContext(), clock, Options.Create(new SupportOptions()));

    private static NewSupportRequest Ask(SupportRequestType type = SupportRequestType.HomeOrVehicleSecurity, StatedUrgency urgency = StatedUrgency.ThisWeek) =>
        new(type, urgency, "Someone photographed my car outside the station.", ContactMethod.Portal, null, true);

    private async Task<SupportRequest> ReloadAsync(int id)
    {
        await using var db = database.NewContext();
        return await db.SupportRequests.Include(r => r.Events).SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
    }

    private async Task MoveAsync(int id, SupportRequestStatus to)
    {
        await using var db = database.NewContext();
        var service = new SupportRequests(db, clock, Options.Create(new SupportOptions()));
        var request = await db.SupportRequests.SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
        service.Move(request, to, someoneElse, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Create_SetsPriorityDueTimeAndHistory()
    {
        var request = await Service().CreateAsync(me, Ask(SupportRequestType.UrgentThreat, StatedUrgency.ThisWeek), TestContext.Current.CancellationToken);

        var stored = await ReloadAsync(request.Id);
        Assert.Equal(SupportRequestStatus.New, stored.Status);
        Assert.Equal(Priority.High, stored.Priority);
        Assert.Equal(["Says it is needed this week", "Asks for an urgent threat or risk assessment", "Rare name: 2 people in the force share this family name"], stored.PriorityReasons);
        // Made at 09:00 on Monday 23 November 2026: High is 4 working hours to first contact and 16 (two working days) to resolve.
        Assert.Equal(new DateTime(2026, 11, 23, 13, 0, 0, DateTimeKind.Utc), stored.FirstContactDueUtc);
        Assert.Equal(new DateTime(2026, 11, 24, 17, 0, 0, DateTimeKind.Utc), stored.DueUtc);
        Assert.False(stored.Restricted);
        Assert.Equal(["Request made"], stored.Events.Select(e => e.What));
        Assert.Matches("^SR-\\d{6}$", stored.Reference);
    }

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private void SetClock(DateTime utc) => clock.Advance(utc - clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task ServiceLevels_CountWorkingHours_OverAWeekend_ButCriticalRunsAllHours()
    {
        // Friday 27 November 2026, 16:00 GMT: one working hour left that day.
        SetClock(Utc(2026, 11, 27, 16));

        var high = await ReloadAsync((await Service().CreateAsync(me, Ask(SupportRequestType.UrgentThreat), TestContext.Current.CancellationToken)).Id);
        var critical = await ReloadAsync((await Service().CreateAsync(covert, Ask(), TestContext.Current.CancellationToken)).Id);

        Assert.Equal(Priority.High, high.Priority);
        Assert.Equal(Utc(2026, 11, 30, 12), high.FirstContactDueUtc);
        Assert.Equal(Utc(2026, 12, 1, 16), high.DueUtc);
        Assert.Equal(high.FirstContactDueUtc, high.NextUpdateDueUtc);
        Assert.Equal(Priority.Critical, critical.Priority);
        Assert.Equal(Utc(2026, 11, 27, 17), critical.FirstContactDueUtc);
        Assert.Equal(Utc(2026, 11, 27, 20), critical.DueUtc);
    }

    [Fact]
    public async Task ServiceLevels_SkipEastersBankHolidays_AndKeepTheirTimeOnTheWallAcrossTheClocksChanging()
    {
        // Thursday 2 April 2026, 16:00 BST (15:00 UTC): Good Friday and Easter Monday are not worked.
        SetClock(Utc(2026, 4, 2, 15));
        var easter = await ReloadAsync((await Service().CreateAsync(me, Ask(SupportRequestType.UrgentThreat), TestContext.Current.CancellationToken)).Id);
        Assert.Equal(Utc(2026, 4, 7, 11), easter.FirstContactDueUtc);

        // Friday 27 March 2026, 16:00 GMT; the clocks go forward on Sunday: Monday 12:00 BST is 11:00 UTC.
        SetClock(Utc(2026, 3, 27, 16));
        var spring = await ReloadAsync((await Service().CreateAsync(someoneElse, Ask(SupportRequestType.UrgentThreat), TestContext.Current.CancellationToken)).Id);
        Assert.Equal(Utc(2026, 3, 30, 11), spring.FirstContactDueUtc);
    }

    [Fact]
    public async Task Create_ForSomeoneInASensitiveRole_IsRestrictedToWelfareLeads()
    {
        var request = await Service().CreateAsync(covert, Ask(), TestContext.Current.CancellationToken);

        var stored = await ReloadAsync(request.Id);
        Assert.True(stored.Restricted);
        Assert.Equal(Priority.Critical, stored.Priority);
        Assert.Contains("Works in a covert role", stored.PriorityReasons);
        Assert.Contains("Rare name: no one else in the force has this family name", stored.PriorityReasons);
    }

    [Fact]
    public async Task WaitingOnThePerson_PausesTheSlaClockUntilTheyReply()
    {
        var request = await Service().CreateAsync(me, Ask(), TestContext.Current.CancellationToken);
        var due = request.DueUtc;
        await MoveAsync(request.Id, SupportRequestStatus.InProgress);
        await MoveAsync(request.Id, SupportRequestStatus.WaitingOnPerson);

        clock.Advance(TimeSpan.FromHours(10));
        await Service().ReplyAsync(me, request.Id, "Here is the registration number.", TestContext.Current.CancellationToken);

        // Paused from 09:00 to 19:00 on a Monday: the whole working day it lost is given back.
        var stored = await ReloadAsync(request.Id);
        Assert.Equal(SupportRequestStatus.InProgress, stored.Status);
        Assert.Equal(new WorkingCalendar(new WorkingHoursOptions()).Add(due, TimeSpan.FromHours(8)), stored.DueUtc);
        Assert.Null(stored.SlaPausedAtUtc);
    }

    [Fact]
    public async Task Reply_ToSomeoneElsesRequest_IsRefusedAndWritesNothing()
    {
        var request = await Service().CreateAsync(someoneElse, Ask(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RefusedException>(() => Service().ReplyAsync(me, request.Id, "hello", TestContext.Current.CancellationToken));

        Assert.Equal("There is no such request of yours.", error.Message);
        await using var db = database.NewContext();
        Assert.False(await db.SupportMessages.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Withdraw_ThenWithdrawAgain_IsRefusedTheSecondTime()
    {
        var request = await Service().CreateAsync(me, Ask(), TestContext.Current.CancellationToken);
        await Service().WithdrawAsync(me, request.Id, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RefusedException>(() => Service().WithdrawAsync(me, request.Id, TestContext.Current.CancellationToken));

        Assert.Contains("withdrawn and cannot be withdrawn", error.Message);
        Assert.Equal(SupportRequestStatus.Withdrawn, (await ReloadAsync(request.Id)).Status);
    }

    [Fact]
    public async Task RefusedTransition_SaysWhyAndChangesNothing()
    {
        var request = await Service().CreateAsync(me, Ask(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RefusedException>(() => MoveAsync(request.Id, SupportRequestStatus.Closed));

        Assert.Equal("A request that is new cannot be moved to closed.", error.Message);
        Assert.Equal(SupportRequestStatus.New, (await ReloadAsync(request.Id)).Status);
    }

    [Fact]
    public async Task Reopen_AfterResolving_StartsAFreshSlaAndIsRecorded()
    {
        var request = await Service().CreateAsync(me, Ask(), TestContext.Current.CancellationToken);
        await MoveAsync(request.Id, SupportRequestStatus.InProgress);
        await MoveAsync(request.Id, SupportRequestStatus.Resolved);
        clock.Advance(TimeSpan.FromDays(10));

        await MoveAsync(request.Id, SupportRequestStatus.InProgress);

        var stored = await ReloadAsync(request.Id);
        Assert.Equal(new SlaClock(new SupportOptions()).Due(clock.GetUtcNow().UtcDateTime, new SupportOptions().SlaFor(stored.Priority), stored.Priority), stored.DueUtc);
        Assert.Equal("Reopened (was resolved)", stored.Events.OrderBy(e => e.Id).Last().What);
    }

    [Fact]
    public async Task TwoChangesFromTheSameStartingPoint_TheSecondIsRefused()
    {
        var request = await Service().CreateAsync(me, Ask(), TestContext.Current.CancellationToken);
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var a = await first.SupportRequests.SingleAsync(r => r.Id == request.Id, TestContext.Current.CancellationToken);
        var b = await second.SupportRequests.SingleAsync(r => r.Id == request.Id, TestContext.Current.CancellationToken);
        new SupportRequests(first, clock, Options.Create(new SupportOptions())).Move(a, SupportRequestStatus.Triaged, someoneElse, clock.GetUtcNow().UtcDateTime);
        new SupportRequests(second, clock, Options.Create(new SupportOptions())).Move(b, SupportRequestStatus.InProgress, someoneElse, clock.GetUtcNow().UtcDateTime);

        await first.SaveChangesAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(SupportRequestStatus.Triaged, (await ReloadAsync(request.Id)).Status);
    }
}

/// <summary>A clock a test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
