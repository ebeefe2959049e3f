using Portal.Core.Text;

namespace Portal.Web.Tests;

public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2026-07-01T12:00:00Z", "13:00 on 1 July 2026")]
    [InlineData("2026-12-01T12:00:00Z", "12:00 on 1 December 2026")]
    [InlineData("2026-03-29T00:59:00Z", "00:59 on 29 March 2026")]
    [InlineData("2026-03-29T01:00:00Z", "02:00 on 29 March 2026")]
    public void StoredUtcTimes_AreShownInUkTime(string utc, string shown)
    {
        var value = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(shown, UkTime.Format(value, "HH:mm 'on' d MMMM yyyy"));
    }
}
