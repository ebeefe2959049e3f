namespace Portal.Core.Outreach;

public enum OutreachScopeKind
{
    Campaign,
    Incident,
}
