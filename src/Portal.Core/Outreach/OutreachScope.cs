using Portal.Core.Incidents;
using Portal.Core.Notices;

namespace Portal.Core.Outreach;

/// <summary>
/// Whose confirmation is being chased: the people one campaign was sent to, or the people one incident exposed
/// (confirming any of the incident's notices counts for it).
/// </summary>
public readonly record struct OutreachScope(OutreachScopeKind Kind, int Id)
{
    public static OutreachScope Campaign(int id) => new(OutreachScopeKind.Campaign, id);

    public static OutreachScope Incident(int id) => new(OutreachScopeKind.Incident, id);

    /// <summary>How the audit trail names it.</summary>
    public string Target => Kind == OutreachScopeKind.Campaign ? Campaigns.Target(Id) : IncidentAdmin.Target(Id);
}
