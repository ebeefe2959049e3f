using Portal.Core.Support;

namespace Portal.Core.Tests;

/// <summary>Working time for service levels: weekends, each nation's bank holidays, and the clocks changing.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar England = new(new WorkingHoursOptions());

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void TwoWorkingHoursFromFridayAfternoon_FallOnMondayMorning()
    {
        // Friday 20 November 2026, 16:00 GMT: one hour that day, one on Monday.
        Assert.Equal(Utc(2026, 11, 23, 10), England.Add(Utc(2026, 11, 20, 16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), England.Between(Utc(2026, 11, 20, 16), Utc(2026, 11, 23, 10)));
    }

    [Fact]
    public void AcrossTheClocksGoingForward_TheDeadlineIsAtTheSameTimeOnTheWall()
    {
        // Friday 27 March 2026, 16:00 GMT; the clocks go forward on Sunday 29 March: Monday 10:00 BST is 09:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 9), England.Add(Utc(2026, 3, 27, 16), TimeSpan.FromHours(2)));
        // And back in October: Friday 23 October 2026, 16:00 BST (15:00 UTC) to Monday 10:00 GMT.
        Assert.Equal(Utc(2026, 10, 26, 10), England.Add(Utc(2026, 10, 23, 15), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void OverEaster_GoodFridayAndEasterMonday_AreNotWorked_InEnglandAndWales()
    {
        // Thursday 2 April 2026, 16:00 BST (15:00 UTC): Good Friday 3 April and Easter Monday 6 April are bank holidays.
        Assert.Equal(Utc(2026, 4, 7, 9), England.Add(Utc(2026, 4, 2, 15), TimeSpan.FromHours(2)));
        Assert.False(England.IsWorkingDay(new DateOnly(2026, 12, 25)));
        Assert.False(England.IsWorkingDay(new DateOnly(2026, 12, 28)));
        Assert.True(England.IsWorkingDay(new DateOnly(2026, 12, 29)));
    }

    [Fact]
    public void EachNation_KeepsItsOwnBankHolidays()
    {
        var scotland = new WorkingCalendar(new WorkingHoursOptions { Nation = UkNation.Scotland });
        var northernIreland = new WorkingCalendar(new WorkingHoursOptions { Nation = UkNation.NorthernIreland });

        // St Patrick's Day, Tuesday 17 March 2026: a bank holiday in Northern Ireland only.
        Assert.True(England.IsWorkingDay(new DateOnly(2026, 3, 17)));
        Assert.False(northernIreland.IsWorkingDay(new DateOnly(2026, 3, 17)));
        Assert.Equal(Utc(2026, 3, 18, 10), northernIreland.Add(Utc(2026, 3, 16, 16), TimeSpan.FromHours(2)));
        // 2 January and St Andrew's Day (Monday 30 November 2026): Scotland's.
        Assert.False(scotland.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(England.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.False(scotland.IsWorkingDay(new DateOnly(2026, 11, 30)));
        // The summer bank holiday: the first Monday in August in Scotland, the last elsewhere.
        Assert.False(scotland.IsWorkingDay(new DateOnly(2026, 8, 3)));
        Assert.True(scotland.IsWorkingDay(new DateOnly(2026, 8, 31)));
        Assert.False(England.IsWorkingDay(new DateOnly(2026, 8, 31)));
    }

    [Fact]
    public void BeforeTheDayStarts_TheClockWaitsForIt_AndAfterItEnds_ForTheNext()
    {
        // 06:00 GMT on Tuesday 24 November 2026: 30 working minutes end at 09:30.
        Assert.Equal(Utc(2026, 11, 24, 9, 30), England.Add(Utc(2026, 11, 24, 6), TimeSpan.FromMinutes(30)));
        Assert.Equal(Utc(2026, 11, 25, 9, 30), England.Add(Utc(2026, 11, 24, 19), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.Zero, England.Between(Utc(2026, 11, 28, 9), Utc(2026, 11, 29, 17)));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new WorkingHoursOptions { Start = new TimeOnly(17, 0), End = new TimeOnly(9, 0) }));
    }
}
