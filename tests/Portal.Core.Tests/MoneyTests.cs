using Portal.Core.Claims;

namespace Portal.Core.Tests;

/// <summary>Amounts as people type them, held as whole pence: exact sums, never floating point.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("12", 1200)]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("0.01", 1)]
    [InlineData("£1,250.00", 125000)]
    [InlineData(" £ 400 ", 40000)]
    [InlineData("1000000", 100000000)]
    public void WhatPeopleType_IsReadToThePenny(string typed, long pence)
    {
        Assert.True(Money.TryParse(typed, out var money));
        Assert.Equal(pence, money.Pence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("12.345")]
    [InlineData("12,50")]
    [InlineData("1,2345")]
    [InlineData("1e3")]
    [InlineData("£")]
    [InlineData("1000000.01")]
    [InlineData("99999999999999999999")]
    public void AnythingElse_IsNotAnAmount(string typed) => Assert.False(Money.TryParse(typed, out _));

    [Fact]
    public void ShownInPoundsAndPence_AndSummedExactly()
    {
        // Ten times 10p is exactly £1.00, as it is not in floating point (0.1 * 10 != 1.0 after repeated addition).
        var total = Enumerable.Repeat(new Money(10), 10).Aggregate(Money.Zero, (sum, m) => sum + m);

        Assert.Equal(new Money(100), total);
        Assert.Equal("£1,250.05", new Money(125005).ToString());
        Assert.Equal("1250.05", new Money(125005).ToPlain());
        Assert.Equal("£0.07", new Money(7).ToString());
    }
}
