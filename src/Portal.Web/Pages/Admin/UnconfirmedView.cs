using Portal.Core.Audit;
using Portal.Core.Outreach;

namespace Portal.Web.Pages.Admin;

/// <summary>
/// What <c>_Unconfirmed</c> shows of a campaign or an incident: counts by unit and work location, and one page of the
/// people who have not confirmed, filtered by unit and work location.
/// </summary>
public sealed record UnconfirmedView(OutreachScope Scope, string ListPage, IReadOnlyList<UnconfirmedGroup> Groups, UnconfirmedPage Page, string? Unit, string? WorkLocation)
{
    public int People => Groups.Sum(g => g.People);

    public int Confirmed => Groups.Sum(g => g.Confirmed);

    public int Unconfirmed => People - Confirmed;

    /// <summary>The groups rolled up by unit, lowest confirmation rate first.</summary>
    public IReadOnlyList<UnconfirmedGroup> Units { get; } = [.. Groups.GroupBy(g => g.Unit, StringComparer.Ordinal)
        .Select(u => new UnconfirmedGroup(u.Key, string.Empty, u.Sum(g => g.People), u.Sum(g => g.Confirmed)))
        .OrderBy(u => u.Rate).ThenBy(u => u.Unit, StringComparer.Ordinal)];

    /// <summary>The work locations to filter by: those of the chosen unit, or all.</summary>
    public IReadOnlyList<string> WorkLocations => [.. Groups.Where(g => string.IsNullOrEmpty(Unit) || g.Unit == Unit).Select(g => g.WorkLocation).Distinct().Order(StringComparer.Ordinal)];

    public static async Task<UnconfirmedView> LoadAsync(Unconfirmed unconfirmed, Actor actor, OutreachScope scope, string listPage, string? unit, string? workLocation, int pageNumber, CancellationToken cancellationToken)
    {
        var groups = await unconfirmed.GroupsAsync(scope, cancellationToken);
        var page = await unconfirmed.PageAsync(actor, scope, unit, workLocation, pageNumber, groups, cancellationToken);
        return new UnconfirmedView(scope, listPage, groups, page, unit, workLocation);
    }

    /// <summary>The share as a whole percentage, rounded down so that "100%" means everyone.</summary>
    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Floor(100.0 * part / whole);
}
