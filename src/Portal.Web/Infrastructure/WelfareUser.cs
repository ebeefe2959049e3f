using Portal.Core.Audit;

namespace Portal.Web.Infrastructure;

/// <summary>The welfare officer making this request: their record, whether they lead, and who they are for the audit trail.</summary>
public sealed record WelfareUser(int PersonId, bool IsLead, Actor Actor);
