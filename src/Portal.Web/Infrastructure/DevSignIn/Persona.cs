using Portal.Core.Imports;

namespace Portal.Web.Infrastructure.DevSignIn;

public sealed record Persona(string Key, string Label, string Description, PersonnelRecord Person, IReadOnlyList<string> Roles)
{
    public string PayNumber => Person.PayNumber;
    public string Name => $"{Person.GivenName} {Person.FamilyName}";
}
