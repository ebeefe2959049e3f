namespace Portal.Core.Imports;

public enum ImportKind
{
    Personnel,
    Manifest,
}
