using System.Globalization;
using Portal.Core.Validation;

namespace Portal.Core.Tests;

public sealed class UkEnglishTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void AFieldTooLong_SaysItsLimitInUkEnglish_WhateverTheCultureOfTheThreadThatChecksIt(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var problems = new List<FieldProblem>();
        try
        {
            FieldChecks.Text(problems, "Title", new string('x', 12_345), 10_000, "Enter a title", "title");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        Assert.Equal("The title must be 10,000 characters or fewer; it has 12,345. Shorten it.", Assert.Single(problems).Message);
    }
}
