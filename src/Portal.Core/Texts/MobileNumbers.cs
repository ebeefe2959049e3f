using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Texts;

/// <summary>
/// A person's own mobile number, opt-in: registered by them, confirmed by a six-digit code texted to it (it expires,
/// allows a few tries, and only a few are sent an hour), held encrypted, shown masked, removable at any time. The
/// number is never written to a log, an audit detail or an error message.
/// </summary>
public sealed class MobileNumbers(PortalDbContext db, IDataProtectionProvider provider, ISmsGateway gateway, AuditLog audit, TimeProvider clock)
{
    public const int CodeLength = 6;
    public const int MaxWrongCodes = 5;
    public const int MaxCodesAnHour = 3;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector protector = provider.CreateProtector("Portal.Texts.MobileNumber.v1");

    public async Task<MobileStatus> GetAsync(int personId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mobile = await db.MobileNumbers.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == personId, cancellationToken);
        return mobile is null
            ? new MobileStatus(null, null, false, null)
            : new MobileStatus(mobile.Ending is { } ending && mobile.NumberProtected is not null ? UkMobile.Masked(ending) : null, mobile.ConfirmedUtc,
                mobile.CodeProtected is not null && mobile.CodeExpiresUtc > now, mobile.CodeExpiresUtc);
    }

    /// <summary>The confirmed number, decrypted, for sending a text; null when there is none.</summary>
    public async Task<string?> NumberAsync(int personId, CancellationToken cancellationToken = default) =>
        await db.MobileNumbers.AsNoTracking().Where(m => m.PersonId == personId).Select(m => m.NumberProtected).SingleOrDefaultAsync(cancellationToken) is { } protectedNumber
            ? protector.Unprotect(protectedNumber)
            : null;

    /// <summary>The confirmed numbers of these people, decrypted, in one query: those without one are left out.</summary>
    public async Task<Dictionary<int, string>> NumbersAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default) =>
        (await db.MobileNumbers.AsNoTracking().Where(m => personIds.Contains(m.PersonId) && m.NumberProtected != null)
            .Select(m => new { m.PersonId, m.NumberProtected }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.PersonId, m => protector.Unprotect(m.NumberProtected!));

    /// <summary>Texts a new code to the number typed. Refused (at "Number") for a number that is not a UK mobile, too many codes, or a gateway that cannot take it now.</summary>
    public async Task SendCodeAsync(int personId, string? typed, CancellationToken cancellationToken = default)
    {
        var number = UkMobile.Normalise(typed)
            ?? throw new RefusedException([new FieldProblem("Number", "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982")]);
        var now = clock.GetUtcNow().UtcDateTime;
        var mobile = await db.MobileNumbers.SingleOrDefaultAsync(m => m.PersonId == personId, cancellationToken);
        if (mobile is null)
        {
            mobile = new MobileNumber { PersonId = personId };
            db.MobileNumbers.Add(mobile);
        }

        if (mobile.CodesWindowStartUtc is not { } windowStart || now - windowStart >= TimeSpan.FromHours(1))
        {
            mobile.CodesWindowStartUtc = now;
            mobile.CodesSent = 0;
        }

        if (mobile.CodesSent >= MaxCodesAnHour)
        {
            var wait = (int)Math.Ceiling((mobile.CodesWindowStartUtc.Value.AddHours(1) - now).TotalMinutes);
            throw new RefusedException([new FieldProblem("Number",
                string.Create(CultureInfo.InvariantCulture, $"You have asked for {MaxCodesAnHour} codes in the last hour. Try again in {wait} {(wait == 1 ? "minute" : "minutes")}."))]);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var text = new TextMessage { PersonId = personId, Purpose = TextPurpose.ConfirmationCode, Status = TextMessageStatus.Sending, Attempts = 1, CreatedUtc = now, ClaimedUtc = now };
        var message = $"{code} is your code to confirm this number for texts from the Exposure Portal. It expires in {CodeLifetime.TotalMinutes:0} minutes. Do not share it.";
        text.Parts = GsmAlphabet.Measure(message).Parts;
        db.TextMessages.Add(text);
        mobile.PendingProtected = protector.Protect(number);
        mobile.CodeProtected = protector.Protect(code);
        mobile.CodeExpiresUtc = now + CodeLifetime;
        mobile.CodeAttempts = 0;
        mobile.CodesSent++;
        mobile.Version++;
        await db.SaveChangesAsync(cancellationToken);

        var result = await gateway.SendAsync(new SmsMessage(text.Id, number, message), cancellationToken);
        // The network's report can arrive before this line: a text it has reported on keeps what it said.
        var accepted = result.Outcome == SmsOutcome.Accepted;
        var acceptedUtc = accepted ? clock.GetUtcNow().UtcDateTime : (DateTime?)null;
        var error = accepted ? null : Truncate(result.Detail);
        await db.TextMessages.Where(t => t.Id == text.Id && t.Status == TextMessageStatus.Sending).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Status, accepted ? TextMessageStatus.Accepted : TextMessageStatus.Failed)
            .SetProperty(t => t.AcceptedUtc, acceptedUtc).SetProperty(t => t.LastError, error), cancellationToken);
        db.Entry(text).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        if (result.Outcome != SmsOutcome.Accepted)
        {
            // Not sent, so not counted, and no code is waiting.
            mobile.CodeProtected = null;
            mobile.CodesSent--;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (result.Outcome == SmsOutcome.Unavailable)
        {
            throw new RefusedException([new FieldProblem("Number", "We cannot send texts just now. Nothing has changed: try again in a few minutes.")]);
        }

        if (result.Outcome == SmsOutcome.Refused)
        {
            throw new RefusedException([new FieldProblem("Number", "The text service could not send to that number. Check it, or try another mobile number.")]);
        }
    }

    /// <summary>Confirms the waiting number with its code. Refused (at "Code") for a wrong, expired or used-up code.</summary>
    public async Task ConfirmAsync(Actor actor, int personId, string? typed, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mobile = await db.MobileNumbers.SingleOrDefaultAsync(m => m.PersonId == personId, cancellationToken);
        if (mobile?.CodeProtected is null || mobile.PendingProtected is null)
        {
            throw new RefusedException([new FieldProblem("Code", "There is no code waiting. Ask for a new code.")]);
        }

        if (mobile.CodeExpiresUtc <= now)
        {
            throw new RefusedException([new FieldProblem("Code", "That code has expired. Ask for a new code.")]);
        }

        var code = new string([.. (typed ?? "").Where(c => !char.IsWhiteSpace(c))]);
        if (code.Length != CodeLength || !code.All(char.IsAsciiDigit))
        {
            throw new RefusedException([new FieldProblem("Code", $"Enter the {CodeLength}-digit code from the text, like 123456")]);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(protector.Unprotect(mobile.CodeProtected)), Encoding.ASCII.GetBytes(code)))
        {
            mobile.CodeAttempts++;
            var left = MaxWrongCodes - mobile.CodeAttempts;
            if (left <= 0)
            {
                mobile.CodeProtected = null;
            }

            mobile.Version++;
            await db.SaveChangesAsync(cancellationToken);
            throw new RefusedException([new FieldProblem("Code", left <= 0
                ? "That code is not right, and it has been wrong too many times. Ask for a new code."
                : $"That code is not right. You can try {left} more {(left == 1 ? "time" : "times")}.")]);
        }

        var number = protector.Unprotect(mobile.PendingProtected);
        mobile.NumberProtected = protector.Protect(number);
        mobile.Ending = number[^3..];
        mobile.ConfirmedUtc = now;
        mobile.PendingProtected = null;
        mobile.CodeProtected = null;
        mobile.CodeExpiresUtc = null;
        mobile.CodeAttempts = 0;
        mobile.Version++;
        audit.Add(actor, AuditActions.MobileConfirmed, personId, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the number (and any waiting for a code) at once; texts not yet sent to it are cancelled.</summary>
    public async Task RemoveAsync(Actor actor, int personId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.MobileNumbers.Where(m => m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.TextMessages.Where(t => t.PersonId == personId && (t.Status == TextMessageStatus.Pending || t.Status == TextMessageStatus.WaitingToRetry))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TextMessageStatus.Cancelled).SetProperty(t => t.LastError, "The person removed their mobile number"), cancellationToken);
        if (removed > 0)
        {
            audit.Add(actor, AuditActions.MobileRemoved, personId, null);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
