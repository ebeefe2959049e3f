using Portal.Core.Audit;

namespace Portal.Web.Infrastructure;

/// <summary>The administrator making this request: who they are for the audit trail, and where a test e-mail goes.</summary>
public sealed record Administrator(int? PersonId, Actor Actor, string? Email, string GivenName, string Rank);
