namespace Portal.Core.Domain;

/// <summary>UK police vetting levels, lowest first.</summary>
public enum VettingLevel
{
    RV,
    NPPV1,
    NPPV2,
    NPPV3,
    CTC,
    SC,
    DV,
}
