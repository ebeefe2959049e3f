using Portal.Core.Validation;

namespace Portal.Core.Notices;

/// <summary>A campaign cannot be saved or moved on as asked; each problem says what to do.</summary>
public class CampaignException(IReadOnlyList<FieldProblem> problems) : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public CampaignException(string field, string message)
        : this([new FieldProblem(field, message)])
    {
    }

    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}
