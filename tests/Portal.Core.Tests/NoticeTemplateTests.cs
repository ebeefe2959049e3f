using Portal.Core.Notices;

namespace Portal.Core.Tests;

public sealed class NoticeTemplateTests
{
    private static readonly NoticeValues Values = new("Siobhán", "Sergeant", "https://portal.example/", "https://portal.example/notices/7", "Card supplier breach");

    [Fact]
    public void Render_FillsEveryAllowedPlaceholder()
    {
        var text = NoticeTemplate.Render("Dear ((rank)) ((given_name)), about ((incident_title)): ((notice_link)) or ((portal_link))", Values);

        Assert.Equal("Dear Sergeant Siobhán, about Card supplier breach: https://portal.example/notices/7 or https://portal.example/", text);
    }

    [Theory]
    [InlineData("Your ((pay_number))", 1, 6, "((pay_number)) is not a placeholder you can use")]
    [InlineData("Line one\nYour ((vetting_level)) was held", 2, 6, "((vetting_level)) is not a placeholder you can use")]
    [InlineData("Dear ((given_name)", 1, 6, "starts with (( but is not closed")]
    [InlineData("About ((incident_title))", 1, 7, "needs the incident the notice is about")]
    public void Check_FindsWhatIsNotAllowed_WithLineAndColumn(string template, int line, int column, string message)
    {
        var problem = Assert.Single(NoticeTemplate.Check(template, hasIncident: false));

        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}, column {column}:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AcceptsTheAllowedPlaceholders_AndPlainBrackets()
    {
        Assert.Empty(NoticeTemplate.Check("Dear ((given_name)) (a note) ((incident_title)) ((portal_link))", hasIncident: true));
    }
}
