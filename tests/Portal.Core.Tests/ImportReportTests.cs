using Portal.Core.Imports;

namespace Portal.Core.Tests;

public sealed class ImportReportTests
{
    [Fact]
    public void Problems_FoundOutOfOrder_AreKeptInLineOrder_ThoseOfOneLineAsFound()
    {
        var report = new ImportReport(ImportKind.Personnel);

        report.AddProblem(7, 8, "vetting_level", "later line, found first");
        report.AddProblem(5, 1, "pay_number", "duplicate, found when its batch was sent");
        report.AddProblem(7, 9, "email", "same later line, found second");

        Assert.Equal([(5, 1), (7, 8), (7, 9)], report.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void Problems_PastTheKeptLimit_KeepTheEarliestLinesAndCountThemAll()
    {
        var report = new ImportReport(ImportKind.Personnel);
        for (var line = 100; line < 100 + ImportReport.MaxProblemsKept; line++)
        {
            report.AddProblem(line, 1, "pay_number", "a problem");
        }

        report.AddProblem(50, 1, "pay_number", "an earlier duplicate, found late");
        report.AddProblem(200_000, 1, "pay_number", "a later problem");

        Assert.Equal(ImportReport.MaxProblemsKept + 2, report.ProblemCount);
        Assert.Equal(ImportReport.MaxProblemsKept, report.Problems.Count);
        Assert.Equal(50, report.Problems[0].Line);
        Assert.Equal(100 + ImportReport.MaxProblemsKept - 2, report.Problems[^1].Line);
    }
}
