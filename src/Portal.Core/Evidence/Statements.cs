using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.People;

namespace Portal.Core.Evidence;

/// <summary>
/// A person's own statement of what the incidents held about them, the notices they were sent and when they confirmed
/// them, and their support requests: a PDF with a verification code and a QR code for <c>/verify/{code}</c>. The
/// portal keeps the code, when, whose, and the PDF's SHA-256, signed with a key derived from the audit key ring, which
/// is never in the database. Issuing and verifying are audited.
/// </summary>
public sealed class Statements(PortalDbContext db, SubjectAccess subjectAccess, AuditLog audit, IOptions<PortalOptions> portal, IOptions<NoticeOptions> notices, TimeProvider clock)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public string VerifyUrl(string code) => $"{notices.Value.PortalUrl.TrimEnd('/')}/verify/{code}";

    /// <summary>Issues a new statement for the person: the PDF, recorded and audited; null when they have no record.</summary>
    public async Task<(string Code, byte[] Pdf)?> IssueAsync(Actor actor, int personId, CancellationToken cancellationToken = default)
    {
        if (await subjectAccess.BuildAsync(personId, cancellationToken) is not { } copy)
        {
            return null;
        }

        var issued = clock.GetUtcNow().UtcDateTime;
        issued = issued.AddTicks(-(issued.Ticks % TimeSpan.TicksPerSecond));
        var code = NewCode();
        var pdf = StatementPdf.Render(copy, code, VerifyUrl(code), issued, portal.Value);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var keys = db.AuditKeys();
        db.Statements.Add(new Statement
        {
            Code = code,
            PersonId = personId,
            IssuedUtc = issued,
            Sha256 = sha,
            KeyId = keys.CurrentKeyId,
            Signature = Sign(keys.CurrentKey, code, sha, issued),
        });
        audit.Add(actor, AuditActions.StatementIssued, personId, "statement/" + code);
        await db.SaveChangesAsync(cancellationToken);
        return (code, pdf);
    }

    /// <summary>
    /// What the portal can say about a code: null when it never issued one (or the record does not carry its signature).
    /// With a document, whether its SHA-256 is the one issued. Audited either way, without anything about the person.
    /// </summary>
    public async Task<StatementVerdict?> VerifyAsync(Actor actor, string code, byte[]? document, CancellationToken cancellationToken = default)
    {
        code = (code ?? "").Trim().ToUpperInvariant();
        var statement = code.Length is > 0 and <= 20 ? await db.Statements.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, cancellationToken) : null;
        var key = statement is null ? null : db.AuditKeys().KeyFor(statement.KeyId);
        var genuine = statement is not null && key is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, statement.Code, statement.Sha256, statement.IssuedUtc)), Encoding.ASCII.GetBytes(statement.Signature));
        bool? matches = genuine && document is not null ? Convert.ToHexStringLower(SHA256.HashData(document)) == statement!.Sha256 : null;
        audit.Add(actor, AuditActions.StatementVerified, null, "statement/" + (code.Length > 20 ? code[..20] : code),
            !genuine ? "not issued" : matches switch { true => "document matches", false => "document does not match", _ => "code checked" });
        await db.SaveChangesAsync(cancellationToken);
        return genuine ? new StatementVerdict(statement!.Code, statement.IssuedUtc, statement.Sha256, matches) : null;
    }

    private static string Sign(byte[] auditKey, string code, string sha, DateTime issuedUtc)
    {
        // A key for statements alone, derived from the audit key: the same secret store, never the database.
        var key = HMACSHA256.HashData(auditKey, "portal statement signing v1"u8);
        var text = string.Create(CultureInfo.InvariantCulture, $"{code}|{sha}|{issuedUtc:yyyy-MM-ddTHH:mm:ss}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>12 characters from an alphabet without look-alikes (no 0/O, 1/I), in groups of four: 60 bits.</summary>
    private static string NewCode()
    {
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }
}
