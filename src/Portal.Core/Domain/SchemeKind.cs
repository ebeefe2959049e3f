namespace Portal.Core.Domain;

/// <summary>What a protection scheme pays: one flat amount on a declaration, or receipts reimbursed up to a cap.</summary>
public enum SchemeKind
{
    FlatPayment,
    Reimbursement,
}
