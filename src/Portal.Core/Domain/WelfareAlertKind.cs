namespace Portal.Core.Domain;

/// <summary>What a welfare alert warns of.</summary>
public enum WelfareAlertKind
{
    FirstContactDueSoon,
    ResolutionDueSoon,
    ReviewDue,
}
