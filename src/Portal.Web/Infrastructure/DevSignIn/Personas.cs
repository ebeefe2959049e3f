using Portal.Core.DemoData;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Infrastructure.DevSignIn;

/// <summary>The people the development sign-in offers, each showing the portal from a different seat.</summary>
public static class Personas
{
    public static IReadOnlyList<Persona> All { get; } =
    [
        new("affected-constable", "An affected constable", "A neighbourhood constable in the supplier breach (photo included) and in the staff-list disclosure.",
            PersonaPeople.AffectedConstable, []),
        new("covert-officer", "An officer in a covert role", "A detective sergeant in covert policing, SC vetted, in the supplier breach.",
            PersonaPeople.CovertOfficer, []),
        new("unaffected-staff", "Staff not in the supplier's data", "A member of HR staff who joined after the supplier's data was taken.",
            PersonaPeople.UnaffectedStaff, []),
        new("welfare-officer", "A welfare officer", "Works the welfare team's queue of support requests.",
            PersonaPeople.WelfareOfficer, [RoleNames.Welfare]),
        new("welfare-lead", "A welfare lead", "Leads the welfare team.",
            PersonaPeople.WelfareLead, [RoleNames.Welfare, RoleNames.WelfareLead]),
        new("administrator", "An administrator", "Information security: incidents, imports, guidance, notices and the audit log.",
            PersonaPeople.Administrator, [RoleNames.Admin]),
        new("oversight", "A member of the oversight board", "Reads the figures the board asks for and the daily board pack; sees no one's record.",
            PersonaPeople.OversightMember, [RoleNames.Oversight]),
        new("claims-assessor", "A claims assessor", "Checks claims on the protection schemes, with their receipts, and approves or refuses them.",
            PersonaPeople.ClaimsAssessor, [RoleNames.Claims]),
    ];

    public static Persona? Find(string? key) => All.FirstOrDefault(p => p.Key == key);
}
