using Microsoft.AspNetCore.Authorization;

namespace Portal.Web.Infrastructure.Security;

/// <summary>One policy per area of the portal; pages get them by folder, never one by one.</summary>
public static class Policies
{
    public const string Welfare = nameof(Welfare);
    public const string WelfareLead = nameof(WelfareLead);
    public const string Admin = nameof(Admin);
    public const string Oversight = nameof(Oversight);
    public const string Claims = nameof(Claims);

    public static void Add(AuthorizationBuilder authorization) => authorization
        // Deny by default: every page needs a signed-in person unless it says otherwise.
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Welfare, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Welfare, RoleNames.WelfareLead))
        .AddPolicy(WelfareLead, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.WelfareLead))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin))
        // Oversight's figures and board packs: the oversight role, and administrators, who answer for them.
        .AddPolicy(Oversight, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Oversight, RoleNames.Admin))
        // Claims on the protection schemes and their receipts: the assessors alone.
        .AddPolicy(Claims, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Claims));
}
