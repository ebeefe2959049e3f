namespace Portal.Core.Domain;

public enum ImportFindingKind
{
    Problem,
    Unmatched,
}
