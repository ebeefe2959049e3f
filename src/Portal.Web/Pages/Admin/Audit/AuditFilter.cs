using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Admin.Audit;

/// <summary>The filters of the audit page, as they appear in its address.</summary>
public sealed record AuditFilter
{
    /// <summary>Who acted: a pay number, or the sign-in's subject for someone without a personnel record.</summary>
    [FromQuery(Name = "actor")] public string? Actor { get; set; }

    /// <summary>Whose data it was: a pay number.</summary>
    [FromQuery(Name = "person")] public string? Person { get; set; }

    [FromQuery(Name = "action")] public string? Action { get; set; }

    /// <summary>The first day, in UK time, as typed: 2026-11-24 (what a date box sends) or 24/11/2026.</summary>
    [FromQuery(Name = "from")] public string? From { get; set; }

    /// <summary>The last day, in UK time, as typed.</summary>
    [FromQuery(Name = "to")] public string? To { get; set; }

    [FromQuery(Name = "page")] public int Page { get; set; } = 1;

    /// <summary>The look-up token of the form the filters came from (see <see cref="LookupTokens"/>).</summary>
    [FromQuery(Name = LookupTokens.FieldName)] public string? Confirm { get; set; }

    private const int MaxFilterLength = 100;

    /// <summary>The filters as a query, or null (with a message on the field) when one cannot be used.</summary>
    public async Task<AuditQuery?> ToQueryAsync(PortalDbContext db, ModelStateDictionary modelState, bool includeRestricted, CancellationToken cancellationToken)
    {
        // A pay number or a sign-in's subject is far shorter; the filters are also written into the audit trail.
        if (Actor is { Length: > MaxFilterLength })
        {
            modelState.AddModelError("actor", $"Enter {MaxFilterLength} characters or fewer: a pay number, or the subject shown in an event.");
        }

        if (Person is { Length: > MaxFilterLength })
        {
            modelState.AddModelError("person", $"Enter {MaxFilterLength} characters or fewer: a pay number.");
        }

        if (Action is { Length: > 0 } chosen && !AuditActions.All.Contains(chosen))
        {
            modelState.AddModelError("action", "Choose an action from the list.");
        }

        if (modelState.ErrorCount > 0)
        {
            return null;
        }

        int? actorId = null;
        string? actorSubject = null;
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            actorId = await PersonIdAsync(db, actor, cancellationToken);
            actorSubject = actorId is null ? actor : null;
        }

        int? personId = null;
        if (!string.IsNullOrWhiteSpace(Person))
        {
            personId = await PersonIdAsync(db, Person.Trim(), cancellationToken);
            if (personId is null)
            {
                modelState.AddModelError("person", $"No one in the workforce has pay number {Person.Trim()}. Check the number, or leave the box empty to see events about everyone.");
            }
        }

        var from = modelState.ParseDate("from", From, "The start date must be a real date, such as 24/11/2026. Correct it, or leave it empty.");
        var to = modelState.ParseDate("to", To, "The end date must be a real date, such as 24/11/2026. Correct it, or leave it empty.");
        if (from is not null && to is not null && to < from)
        {
            modelState.AddModelError("to", "The end date is before the start date. Enter an end date on or after the start date.");
        }

        if (modelState.ErrorCount > 0)
        {
            return null;
        }

        return new AuditQuery(actorSubject, actorId, personId, string.IsNullOrWhiteSpace(Action) ? null : Action,
            from is { } start ? UkTime.ToUtc(start.ToDateTime(TimeOnly.MinValue)) : null,
            to is { } end ? UkTime.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
            IncludeRestricted: includeRestricted);
    }

    private static Task<int?> PersonIdAsync(PortalDbContext db, string payNumber, CancellationToken cancellationToken)
    {
        var normalised = payNumber.Trim().ToUpperInvariant(); // as imports store it
        return db.People.AsNoTracking().Where(p => p.PayNumber == normalised).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The filters in words, as the audit trail records a search.</summary>
    public string Describe() =>
        string.Join("; ", new[]
        {
            Actor is { Length: > 0 } a ? $"actor {a}" : null,
            Person is { Length: > 0 } p ? $"person {p}" : null,
            Action is { Length: > 0 } x ? $"action {x}" : null,
            From is { Length: > 0 } f ? $"from {f}" : null,
            To is { Length: > 0 } t ? $"to {t}" : null,
        }.Where(s => s is not null)) is { Length: > 0 } described ? described : "everything";
}
