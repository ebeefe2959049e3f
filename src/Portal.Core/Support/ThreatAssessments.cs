using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;

namespace Portal.Core.Support;

/// <summary>
/// Threat assessments, a step of the support request: the level, what bears on it, the measures recommended (each with
/// an owner and where it has got to) and when it is next reviewed. The assessment stays internal; what the person is
/// told is sent to them as a message on their request, in the same save. Every save is version-checked and audited.
/// </summary>
public sealed class ThreatAssessments(PortalDbContext db, SupportRequests requests, AuditLog audit, TimeProvider clock)
{
    public const int NotesMaxLength = 2000;
    public const int OwnerMaxLength = 100;

    /// <summary>How far ahead a review can be set.</summary>
    public const int LongestReviewMonths = 12;

    private const string ConflictMessage = "Someone else recorded an assessment of this request while you had it open. Nothing you entered was saved: check their assessment below, then change it if you need to.";

    /// <summary>The kinds of request that wait for a threat assessment until one is recorded (any request may have one).</summary>
    public static IReadOnlyList<SupportRequestType> Needed { get; } =
    [
        SupportRequestType.UrgentThreat, SupportRequestType.SuspiciousApproach, SupportRequestType.SuspiciousReport,
        SupportRequestType.HomeOrVehicleSecurity, SupportRequestType.RelocationOrDeployment, SupportRequestType.Family,
    ];

    /// <summary>The factors the form starts from on a first assessment: what the portal already knows of the exposure, the role and the request.</summary>
    public async Task<ThreatFactors> SuggestAsync(int requestId, CancellationToken cancellationToken = default)
    {
        var request = await db.SupportRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.PersonId, r.Type, r.PriorityReasons }).SingleAsync(cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.Id == request.PersonId).Select(p => new { p.SensitiveRole, p.VettingLevel }).SingleAsync(cancellationToken);
        var held = (await db.Exposures.AsNoTracking().Where(e => e.PersonId == request.PersonId).Select(e => e.Fields).ToListAsync(cancellationToken))
            .Aggregate(HeldFields.None, (all, fields) => all | fields);

        var factors = ThreatFactors.None;
        factors |= held.HasFlag(HeldFields.Photo) ? ThreatFactors.PhotoExposed : 0;
        factors |= held.HasFlag(HeldFields.Name) && held.HasFlag(HeldFields.RankOrGrade) ? ThreatFactors.NameAndRankExposed : 0;
        factors |= request.PriorityReasons.Any(r => r.StartsWith("Rare name", StringComparison.Ordinal)) ? ThreatFactors.RareName : 0;
        factors |= person.SensitiveRole != SensitiveRole.None ? ThreatFactors.SensitiveRole : 0;
        factors |= person.VettingLevel >= VettingLevel.SC ? ThreatFactors.HighVetting : 0;
        factors |= request.Type is SupportRequestType.SuspiciousApproach or SupportRequestType.SuspiciousReport or SupportRequestType.UrgentThreat ? ThreatFactors.ApproachOrContact : 0;
        factors |= request.Type == SupportRequestType.Family ? ThreatFactors.HomeOrFamilyIdentified : 0;
        return factors;
    }

    public Task<ThreatAssessment?> FindAsync(int requestId, CancellationToken cancellationToken = default) =>
        db.ThreatAssessments.AsNoTracking().Include(a => a.Measures).SingleOrDefaultAsync(a => a.SupportRequestId == requestId, cancellationToken);

    /// <summary>
    /// Records the first assessment (<paramref name="expectedVersion"/> 0) or changes the one seen at that version. The
    /// outcome, when given (and on a first assessment it must be), is sent to the person as a message in the same save.
    /// </summary>
    /// <exception cref="RefusedException">Something entered is wrong, each problem against its field.</exception>
    /// <exception cref="ConflictException">Someone else recorded or changed the assessment first.</exception>
    public async Task SaveAsync(Actor actor, int requestId, int expectedVersion, AssessmentInput input, CancellationToken cancellationToken = default)
    {
        var today = UkTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var (reviewOn, problems) = Check(input, expectedVersion == 0, today);
        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var request = await db.SupportRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken) ?? throw new RefusedException("There is no such request.");
        var assessment = await db.ThreatAssessments.Include(a => a.Measures).SingleOrDefaultAsync(a => a.SupportRequestId == requestId, cancellationToken);
        if ((assessment?.Version ?? 0) != expectedVersion)
        {
            throw new ConflictException(ConflictMessage);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var first = assessment is null;
        if (assessment is null)
        {
            assessment = new ThreatAssessment { SupportRequestId = requestId, AssessedUtc = now, AssessedByPersonId = actor.PersonId!.Value };
            db.ThreatAssessments.Add(assessment);
        }

        assessment.Level = input.Level!.Value;
        assessment.Factors = input.Factors;
        assessment.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        assessment.ReviewOn = reviewOn;
        assessment.UpdatedUtc = now;
        assessment.UpdatedByPersonId = actor.PersonId!.Value;
        assessment.Version++;
        // One row a kind: a form that sends a kind twice (only a hand-made one can) is taken at its first.
        var chosen = input.Measures.Where(m => m.Status is not null).GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.First());
        assessment.Measures.RemoveAll(m => !chosen.ContainsKey(m.Kind));
        foreach (var (kind, measure) in chosen)
        {
            var row = assessment.Measures.FirstOrDefault(m => m.Kind == kind);
            if (row is null)
            {
                row = new ProtectiveMeasure { Kind = kind, Owner = "" };
                assessment.Measures.Add(row);
            }

            (row.Owner, row.Status) = (measure.Owner!.Trim(), measure.Status!.Value);
        }

        // The history says that it was assessed, not how: a requester's copy of their data never carries the level.
        request.Events.Add(new SupportRequestEvent { OccurredUtc = now, ActorPersonId = actor.PersonId, What = first ? "Threat assessment recorded" : "Threat assessment changed" });
        audit.Add(actor, first ? AuditActions.ThreatAssessed : AuditActions.ThreatAssessmentChanged, request.PersonId, request.Reference, Describe(assessment));
        try
        {
            if (!string.IsNullOrWhiteSpace(input.Outcome))
            {
                // Saves the assessment with the message: the person is told exactly when it is recorded.
                await requests.SendMessageAsync(actor.PersonId!.Value, requestId, input.Outcome, cancellationToken: cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // A colleague's first assessment of the same request saved first (one per request), or changed it meanwhile.
            throw new ConflictException(ConflictMessage);
        }
    }

    /// <summary>The audit's detail: what was decided, never the notes (they can name other people).</summary>
    private static string Describe(ThreatAssessment a) => string.Create(CultureInfo.InvariantCulture,
        $"level {a.Level}; factors {a.Factors}; measures {(a.Measures.Count == 0 ? "none" : string.Join(", ", a.Measures.OrderBy(m => m.Kind).Select(m => $"{m.Kind} {m.Status}")))}; review {a.ReviewOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}");

    private static (DateOnly? ReviewOn, List<FieldProblem> Problems) Check(AssessmentInput input, bool first, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        if (input.Level is null)
        {
            problems.Add(new(nameof(AssessmentInput.Level), "Choose the threat level"));
        }

        DateOnly? reviewOn = null;
        var (day, month, year) = (input.ReviewDay?.Trim(), input.ReviewMonth?.Trim(), input.ReviewYear?.Trim());
        if (string.IsNullOrEmpty(day) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(year))
        {
            if (input.Level is not (null or ThreatLevel.None))
            {
                problems.Add(new(nameof(AssessmentInput.ReviewDay), "Enter the date it is to be reviewed by"));
            }
        }
        else if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1000 || !DateOnly.TryParseExact(
                string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{m:00}-{d:00}"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            problems.Add(new(nameof(AssessmentInput.ReviewDay), "The review date must be a real date, like 27 3 2027"));
        }
        else if (parsed <= today)
        {
            problems.Add(new(nameof(AssessmentInput.ReviewDay), "The review date must be in the future"));
        }
        else if (parsed > today.AddMonths(LongestReviewMonths))
        {
            problems.Add(new(nameof(AssessmentInput.ReviewDay), $"The review date must be within {LongestReviewMonths} months"));
        }
        else
        {
            reviewOn = parsed;
        }

        if (input.Notes?.Trim().Length > NotesMaxLength)
        {
            problems.Add(new(nameof(AssessmentInput.Notes), $"Your notes must be {NotesMaxLength:N0} characters or fewer"));
        }

        foreach (var measure in input.Measures.Where(m => m.Status is not null))
        {
            var owner = measure.Owner?.Trim() ?? "";
            if (owner.Length == 0)
            {
                problems.Add(new($"Measure{measure.Kind}", $"Enter who owns \"{Describe(measure.Kind).ToLowerInvariant()}\": a person, or a team such as Force Security"));
            }
            else if (owner.Length > OwnerMaxLength)
            {
                problems.Add(new($"Measure{measure.Kind}", $"The owner of \"{Describe(measure.Kind).ToLowerInvariant()}\" must be {OwnerMaxLength} characters or fewer"));
            }
        }

        var outcome = input.Outcome?.Trim() ?? "";
        if (first && outcome.Length == 0)
        {
            problems.Add(new(nameof(AssessmentInput.Outcome), "Write what to tell them about the outcome. They see this as a message; the level, factors and your notes stay internal"));
        }
        else if (outcome.Length > SupportRequests.MessageMaxLength)
        {
            problems.Add(new(nameof(AssessmentInput.Outcome), $"What to tell them must be {SupportRequests.MessageMaxLength:N0} characters or fewer"));
        }

        return (reviewOn, problems);
    }

    public static string Describe(ThreatLevel level) => level switch
    {
        ThreatLevel.None => "None",
        ThreatLevel.Low => "Low: an attack is highly unlikely",
        ThreatLevel.Moderate => "Moderate: an attack is possible but not likely",
        ThreatLevel.Substantial => "Substantial: an attack is likely",
        _ => "Severe: an attack is highly likely",
    };

    public static string Describe(ThreatFactors factor) => factor switch
    {
        ThreatFactors.PhotoExposed => "Their photo was exposed",
        ThreatFactors.NameAndRankExposed => "Their name and rank were exposed together",
        ThreatFactors.RareName => "A rare name: easy to find online",
        ThreatFactors.SensitiveRole => "A sensitive role",
        ThreatFactors.HighVetting => "SC or DV vetting",
        ThreatFactors.PublicFacingRole => "A public-facing or local role, known in the community",
        ThreatFactors.ApproachOrContact => "An approach or contact they reported",
        ThreatFactors.OnlineActivity => "Online activity about them",
        ThreatFactors.HomeOrFamilyIdentified => "Their home or family identified",
        ThreatFactors.ThreatsReceived => "Threats received",
        _ => factor.ToString(),
    };

    public static string Describe(ProtectiveMeasureKind kind) => kind switch
    {
        ProtectiveMeasureKind.Advice => "Personal security advice",
        ProtectiveMeasureKind.OnlineFootprint => "Help reducing their online footprint",
        ProtectiveMeasureKind.HomeSecuritySurvey => "Home security survey",
        ProtectiveMeasureKind.AlarmOrPanicButton => "Alarm or panic button",
        ProtectiveMeasureKind.ChangeOfDuties => "Change of duties",
        _ => "Temporary relocation",
    };

    public static string Describe(ProtectiveMeasureStatus status) => status switch
    {
        ProtectiveMeasureStatus.Recommended => "Recommended",
        ProtectiveMeasureStatus.Agreed => "Agreed",
        ProtectiveMeasureStatus.InPlace => "In place",
        ProtectiveMeasureStatus.Declined => "Declined by them",
        _ => "No longer needed",
    };

    /// <summary>Each factor on its own, in order.</summary>
    public static IReadOnlyList<ThreatFactors> EachFactor { get; } = [.. Enum.GetValues<ThreatFactors>().Where(f => f != ThreatFactors.None)];
}

/// <summary>What the assessment form sends. The review date comes as the three boxes of a date input.</summary>
public sealed record AssessmentInput(
    ThreatLevel? Level, ThreatFactors Factors, string? Notes, string? ReviewDay, string? ReviewMonth, string? ReviewYear, IReadOnlyList<MeasureInput> Measures, string? Outcome);

/// <summary>One measure on the form: a status when it is recommended (null when it is not), and its owner.</summary>
public sealed record MeasureInput(ProtectiveMeasureKind Kind, ProtectiveMeasureStatus? Status, string? Owner);
