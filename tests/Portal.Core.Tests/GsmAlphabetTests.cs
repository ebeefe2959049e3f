using Portal.Core.Texts;

namespace Portal.Core.Tests;

/// <summary>How long a text is on the network: GSM-7 where every character allows, UCS-2 otherwise, and how many parts it takes.</summary>
public sealed class GsmAlphabetTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void PlainText_Takes160ASingleMessage_And153APart(int length, int parts) =>
        Assert.Equal(new SmsEncoding(true, length, parts), GsmAlphabet.Measure(new string('a', length)));

    [Fact]
    public void TheExtensionTable_CountsTwice_AndPoundsAndAccentsOnce()
    {
        Assert.Equal(new SmsEncoding(true, 10, 1), GsmAlphabet.Measure("£5 €[é]"));
        Assert.Equal(2, GsmAlphabet.Measure(new string('€', 81)).Parts);
    }

    [Theory]
    [InlineData("Łukasz", 6, 1)]
    [InlineData("Zoë 🙂", 6, 1)]
    public void ACharacterOutsideTheAlphabet_MakesItUcs2(string text, int units, int parts) =>
        Assert.Equal(new SmsEncoding(false, units, parts), GsmAlphabet.Measure(text));

    [Fact]
    public void Ucs2_Takes70ASingleMessage_And67APart()
    {
        Assert.Equal(1, GsmAlphabet.Measure("Ł" + new string('a', 69)).Parts);
        Assert.Equal(2, GsmAlphabet.Measure("Ł" + new string('a', 70)).Parts);
        Assert.Equal(3, GsmAlphabet.Measure("Ł" + new string('a', 134)).Parts);
    }

    [Fact]
    public void TypographicQuotesAndDashes_AreMadePlain_SoTheTextStaysGsm7()
    {
        var plain = GsmAlphabet.Simplify("Northshire Police \u2013 \u201Cnews\u201D for you\u2026 it\u2019s here");

        Assert.Equal("Northshire Police - \"news\" for you... it's here", plain);
        Assert.True(GsmAlphabet.Measure(plain).IsGsm7);
    }

    [Theory]
    [InlineData("07700 900982", "447700900982")]
    [InlineData("+44 7700 900982", "447700900982")]
    [InlineData("0044 (7700) 900-982", "447700900982")]
    [InlineData("01632 960001", null)]
    [InlineData("0770090098", null)]
    [InlineData("07700 900982 ext 2", null)]
    [InlineData("+1 415 555 0100", null)]
    public void UkMobileNumbers_AreReadAsPeopleTypeThem(string typed, string? expected) => Assert.Equal(expected, UkMobile.Normalise(typed));
}
