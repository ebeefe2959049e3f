namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// The Entra ID app roles, exactly as declared in <c>app-roles.json</c> beside this file (the app
/// registration's manifest). Everyone signed in is Staff; these roles add to that.
/// </summary>
public static class RoleNames
{
    public const string Welfare = "Portal.Welfare";
    public const string WelfareLead = "Portal.WelfareLead";
    public const string Admin = "Portal.Admin";

    /// <summary>Read-only: the oversight figures and the daily board packs, never a person's record.</summary>
    public const string Oversight = "Portal.Oversight";

    /// <summary>Assessors of claims on the protection schemes: the claims queue, each claim and its receipts, approval.</summary>
    public const string Claims = "Portal.Claims";

    public static IReadOnlyList<string> All { get; } = [Welfare, WelfareLead, Admin, Oversight, Claims];

    /// <summary>The claim type that carries app roles in an Entra ID token.</summary>
    public const string ClaimType = "roles";
}
