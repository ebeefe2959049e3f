using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Claims;

/// <summary>
/// The schemes that pay for protective measures, set up by administrators, and who may claim on each: its audience
/// (everyone active, the people an incident held, or chosen units), while it is open (its first to its last UK day).
/// Every save is checked at each field, version-checked and audited.
/// </summary>
public sealed partial class ClaimSchemes(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 120;
    public const int TextMaxLength = 2000;

    /// <summary>The audiences a scheme can have: a notice's, less those that follow a notice's own progress.</summary>
    public static IReadOnlyList<AudienceKind> Audiences { get; } = [AudienceKind.EveryoneActive, AudienceKind.Incident, AudienceKind.Units];

    private const string ConflictMessage = "Another administrator changed this scheme after you opened it. Nothing you entered was saved: open it again to see their change, then make yours.";

    public async Task<IReadOnlyList<ProtectionScheme>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.ProtectionSchemes.AsNoTracking().OrderByDescending(s => s.OpensOn).ThenBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<ProtectionScheme?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.ProtectionSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The people a scheme is for, whether or not it is open: its audience, among those active.</summary>
    public IQueryable<Person> Audience(ProtectionScheme scheme)
    {
        var active = db.People.Where(p => p.Status == PersonStatus.Active);
        return scheme.Audience switch
        {
            AudienceKind.EveryoneActive => active,
            AudienceKind.Incident => active.Where(p => db.Exposures.Any(e => e.PersonId == p.Id && e.IncidentId == scheme.AudienceIncidentId)),
            AudienceKind.Units => active.Where(p => scheme.AudienceUnits.Contains(p.Unit)),
            _ => active.Where(_ => false),
        };
    }

    public Task<bool> IsEligibleAsync(ProtectionScheme scheme, int personId, CancellationToken cancellationToken = default) =>
        Audience(scheme).AnyAsync(p => p.Id == personId, cancellationToken);

    /// <summary>Whether claims are taken on it today (UK time).</summary>
    public bool IsOpen(ProtectionScheme scheme) => UkTime.DateOf(clock.GetUtcNow().UtcDateTime) is var today && scheme.OpensOn <= today && today <= scheme.ClosesOn;

    /// <summary>The schemes open today that this person may claim on.</summary>
    public async Task<IReadOnlyList<ProtectionScheme>> OpenToAsync(int personId, CancellationToken cancellationToken = default)
    {
        var today = UkTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var open = await db.ProtectionSchemes.AsNoTracking().Where(s => s.OpensOn <= today && s.ClosesOn >= today).OrderBy(s => s.ClosesOn).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var eligible = new List<ProtectionScheme>();
        foreach (var scheme in open)
        {
            if (await IsEligibleAsync(scheme, personId, cancellationToken))
            {
                eligible.Add(scheme);
            }
        }

        return eligible;
    }

    /// <summary>Sets up a scheme (<paramref name="id"/> null) or changes one seen at <paramref name="version"/>; its id, or null when there is no such scheme.</summary>
    /// <exception cref="RefusedException">Something entered is wrong, each problem against its field, or another administrator changed it first.</exception>
    public async Task<int?> SaveAsync(Actor actor, int? id, int version, SchemeInput input, CancellationToken cancellationToken = default)
    {
        var (checkedInput, problems) = await CheckAsync(input, id, cancellationToken);
        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        ProtectionScheme? scheme;
        if (id is { } existing)
        {
            scheme = await db.ProtectionSchemes.SingleOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (scheme is null)
            {
                return null;
            }

            if (scheme.Version != version)
            {
                throw new ConflictException(ConflictMessage);
            }
        }
        else
        {
            scheme = new ProtectionScheme { Code = "", Name = "", Covers = "", EvidenceNeeded = "", CreatedUtc = now };
            db.ProtectionSchemes.Add(scheme);
        }

        var c = checkedInput!;
        (scheme.Code, scheme.Name, scheme.Covers, scheme.EvidenceNeeded, scheme.Kind, scheme.AmountPence) = (c.Code, c.Name, c.Covers, c.EvidenceNeeded, c.Kind, c.Amount.Pence);
        (scheme.Audience, scheme.AudienceIncidentId, scheme.AudienceUnits) = (c.Audience, c.IncidentId, c.Units);
        (scheme.OpensOn, scheme.ClosesOn, scheme.UpdatedUtc, scheme.UpdatedByPersonId) = (c.OpensOn, c.ClosesOn, now, actor.PersonId);
        scheme.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ConflictMessage);
        }

        await audit.RecordAsync(actor, AuditActions.ClaimSchemeSaved, null, Target(scheme.Id),
            $"{scheme.Code}: {scheme.Kind} {new Money(scheme.AmountPence)}, {scheme.Audience}, {scheme.OpensOn:yyyy-MM-dd} to {scheme.ClosesOn:yyyy-MM-dd}", cancellationToken);
        return scheme.Id;
    }

    public static string Target(int id) => $"scheme/{id}";

    /// <summary>Who may claim, in words: the choice on the form, and the scheme's line in the list.</summary>
    public static string Describe(AudienceKind audience) => audience switch
    {
        AudienceKind.EveryoneActive => "Everyone active",
        AudienceKind.Incident => "The people an incident held",
        _ => "The people in chosen units",
    };

    private async Task<(CheckedScheme? Scheme, List<FieldProblem> Problems)> CheckAsync(SchemeInput input, int? id, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            problems.Add(new(nameof(SchemeInput.Code), $"Enter the code payroll knows the payments by: 2 to {CodeMaxLength} letters, digits or hyphens, like HSG26"));
        }
        else if (await db.ProtectionSchemes.AnyAsync(s => s.Code == code && s.Id != id, cancellationToken))
        {
            problems.Add(new(nameof(SchemeInput.Code), "Another scheme has this code. Give this one a code of its own"));
        }

        var name = Required(input.Name, nameof(SchemeInput.Name), "Enter the scheme's name", NameMaxLength, problems);
        var covers = Required(input.Covers, nameof(SchemeInput.Covers), "Say what the scheme pays for", TextMaxLength, problems);
        var evidence = Required(input.EvidenceNeeded, nameof(SchemeInput.EvidenceNeeded), "Say what evidence a claim needs, or that a declaration is enough", TextMaxLength, problems);
        if (input.Kind is null)
        {
            problems.Add(new(nameof(SchemeInput.Kind), "Choose whether it pays a flat amount or reimburses receipts"));
        }

        if (!Money.TryParse(input.Amount, out var amount) || amount.Pence == 0)
        {
            problems.Add(new(nameof(SchemeInput.Amount), input.Kind == SchemeKind.Reimbursement
                ? "Enter the most one person may be reimbursed, in pounds and pence, like 400 or 400.00"
                : "Enter the amount paid, in pounds and pence, like 100 or 100.00"));
        }

        int? incident = null;
        List<string> units = [];
        switch (input.Audience)
        {
            case AudienceKind.EveryoneActive:
                break;
            case AudienceKind.Incident when input.IncidentId is { } chosen && await db.Incidents.AnyAsync(i => i.Id == chosen, cancellationToken):
                incident = chosen;
                break;
            case AudienceKind.Incident:
                problems.Add(new(nameof(SchemeInput.IncidentId), "Choose the incident whose people may claim"));
                break;
            case AudienceKind.Units:
                units = [.. (input.Units ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
                var known = await db.People.Where(p => units.Contains(p.Unit)).Select(p => p.Unit).Distinct().ToListAsync(cancellationToken);
                if (units.Count == 0)
                {
                    problems.Add(new(nameof(SchemeInput.Units), "Enter at least one unit, one a line"));
                }
                else if (units.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
                {
                    problems.Add(new(nameof(SchemeInput.Units), $"No one works in {string.Join(", ", unknown)}. Enter units as the personnel records name them"));
                }

                break;
            default:
                problems.Add(new(nameof(SchemeInput.Audience), "Choose who may claim"));
                break;
        }

        var opens = Date(input.OpensOn, nameof(SchemeInput.OpensOn), "the first day claims are taken", problems);
        var closes = Date(input.ClosesOn, nameof(SchemeInput.ClosesOn), "the last day claims are taken", problems);
        if (opens is { } o && closes is { } c && c < o)
        {
            problems.Add(new(nameof(SchemeInput.ClosesOn), "The last day must be on or after the first"));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new CheckedScheme(code, name, covers, evidence, input.Kind!.Value, amount, input.Audience!.Value, incident, units, opens!.Value, closes!.Value), problems);
    }

    private static string Required(string? text, string field, string missing, int max, List<FieldProblem> problems)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            problems.Add(new(field, missing));
        }
        else if (value.Length > max)
        {
            problems.Add(new(field, $"This must be {max:N0} characters or fewer; it is {value.Length:N0}"));
        }

        return value;
    }

    private static DateOnly? Date(string? text, string field, string what, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(field, $"Enter {what}"));
            return null;
        }

        if (!UkTime.TryParseDate(text, out var date))
        {
            problems.Add(new(field, $"Enter {what} as a date, like 24/11/2026"));
            return null;
        }

        return date;
    }

    private sealed record CheckedScheme(
        string Code, string Name, string Covers, string EvidenceNeeded, SchemeKind Kind, Money Amount, AudienceKind Audience, int? IncidentId, List<string> Units, DateOnly OpensOn, DateOnly ClosesOn);

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-]{1,19}$")]
    private static partial Regex CodePattern();
}

/// <summary>What the scheme form sends: text as typed, checked by <see cref="ClaimSchemes.SaveAsync"/>.</summary>
public sealed record SchemeInput(
    string? Code, string? Name, string? Covers, SchemeKind? Kind, string? Amount, AudienceKind? Audience, int? IncidentId, string? Units,
    string? OpensOn, string? ClosesOn, string? EvidenceNeeded);
