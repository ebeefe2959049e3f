namespace Portal.Core.Domain;

/// <summary>
/// A personal statement the portal issued: its verification code, whose it is, when, and the SHA-256 of the PDF,
/// signed with a key the database does not hold (<see cref="KeyId"/> names it), so a row added to the database by
/// anyone else does not verify.
/// </summary>
public sealed class Statement
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int PersonId { get; set; }
    public DateTime IssuedUtc { get; set; }
    public required string Sha256 { get; set; }
    public required string KeyId { get; set; }
    public required string Signature { get; set; }
}
