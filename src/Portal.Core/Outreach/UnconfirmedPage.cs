namespace Portal.Core.Outreach;

/// <summary>One page of the people who have not confirmed, and how many match the filter in all.</summary>
public sealed record UnconfirmedPage(IReadOnlyList<UnconfirmedPerson> People, int Total, int PageNumber, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
