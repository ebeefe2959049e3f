namespace Portal.Core.Domain;

/// <summary>
/// A person who has worked in the welfare workspace. Roles live in Entra ID; this list is who a request can be
/// given to, and grows as welfare staff first open the workspace.
/// </summary>
public sealed class WelfareTeamMember
{
    public int PersonId { get; set; }
    public bool IsLead { get; set; }
    public DateTime LastSeenUtc { get; set; }
}
