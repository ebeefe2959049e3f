namespace Portal.Core.People;

/// <summary>Which sign-in claims find a person's record. Bound from the <c>PersonMatching</c> configuration section.</summary>
public sealed class PersonMatchingOptions
{
    public const string SectionName = "PersonMatching";

    /// <summary>The claim that carries the pay number (in Entra ID, an optional claim such as <c>employeeid</c>). Tried first.</summary>
    public string PayNumberClaim { get; set; } = "employeeid";

    /// <summary>Claims that carry the work e-mail or UPN, tried in order when no pay number claim matches.</summary>
    public List<string> EmailClaims { get; set; } = ["preferred_username", "email", "upn"];
}
