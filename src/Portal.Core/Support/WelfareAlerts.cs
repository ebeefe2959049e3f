using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Core.Text;

namespace Portal.Core.Support;

/// <summary>
/// Warns the welfare team before a target is missed, and reminds them of threat assessments due for review: each open
/// request's assignee and every welfare lead get one alert per target, shown in the portal, and one e-mail a run
/// listing their new alerts by reference and time alone — no name, no detail of the request. A target is warned of
/// once (the alert's unique key); only a target that moves is warned of again. Safe to run on any node at any time.
/// </summary>
public sealed partial class WelfareAlerts(
    PortalDbContext db, MailConnectionPool mail, IOptions<MailOptions> mailOptions, IOptions<NoticeOptions> notices, IOptions<SupportOptions> support,
    TimeProvider clock, ILogger<WelfareAlerts> logger)
{
    /// <summary>Records the alerts now due, then e-mails each person theirs. Returns how many alerts were new.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var added = await RecordAsync(cancellationToken);
        await EmailAsync(cancellationToken);
        return added;
    }

    private async Task<int> RecordAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var warnUntil = now + support.Value.WarnBefore;
        var today = UkTime.DateOf(now);
        var open = db.SupportRequests.AsNoTracking().Where(r => r.IsOpen);

        // Targets not yet missed that fall within the warning, and reviews due today or before (the queue's covering index and the review index answer these).
        var firstContact = await open.Where(r => r.FirstContactUtc == null && r.FirstContactDueUtc >= now && r.FirstContactDueUtc < warnUntil)
            .Select(r => new Due(r.Id, r.AssignedToPersonId, WelfareAlertKind.FirstContactDueSoon, r.FirstContactDueUtc!.Value)).ToListAsync(cancellationToken);
        var resolution = await open.Where(r => r.SlaPausedAtUtc == null && r.DueUtc >= now && r.DueUtc < warnUntil)
            .Select(r => new Due(r.Id, r.AssignedToPersonId, WelfareAlertKind.ResolutionDueSoon, r.DueUtc)).ToListAsync(cancellationToken);
        var reviews = (await db.ThreatAssessments.AsNoTracking().Where(a => a.ReviewOn <= today)
            .Join(open, a => a.SupportRequestId, r => r.Id, (a, r) => new { r.Id, r.AssignedToPersonId, ReviewOn = a.ReviewOn!.Value }).ToListAsync(cancellationToken))
            .Select(r => new Due(r.Id, r.AssignedToPersonId, WelfareAlertKind.ReviewDue, UkTime.StartOfDay(r.ReviewOn)));
        var due = firstContact.Concat(resolution).Concat(reviews).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var leads = await db.WelfareTeamMembers.AsNoTracking().Where(m => m.IsLead).Select(m => m.PersonId).ToListAsync(cancellationToken);
        var ids = due.Select(d => d.RequestId).Distinct().ToList();
        var existing = (await db.WelfareAlerts.AsNoTracking().Where(a => ids.Contains(a.SupportRequestId))
            .Select(a => new { a.PersonId, a.SupportRequestId, a.Kind, a.DueUtc }).ToListAsync(cancellationToken))
            .Select(a => (a.PersonId, a.SupportRequestId, a.Kind, a.DueUtc)).ToHashSet();
        var alerts = due
            .SelectMany(d => leads.Append(d.AssigneePersonId ?? 0).Where(p => p != 0).Distinct().Select(person => (Person: person, d.RequestId, d.Kind, d.DueUtc)))
            .Where(a => !existing.Contains((a.Person, a.RequestId, a.Kind, a.DueUtc)))
            .Select(a => new WelfareAlert { PersonId = a.Person, SupportRequestId = a.RequestId, Kind = a.Kind, DueUtc = a.DueUtc, CreatedUtc = now })
            .ToList();
        if (alerts.Count == 0)
        {
            return 0;
        }

        db.WelfareAlerts.AddRange(alerts);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node recorded some of them first: its alerts stand, and this run leaves them to it.
            db.ChangeTracker.Clear();
            LogRace(logger);
            return 0;
        }

        return alerts.Count;
    }

    private async Task EmailAsync(CancellationToken cancellationToken)
    {
        var unsent = await db.WelfareAlerts.AsNoTracking().Where(a => a.EmailedUtc == null)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.Id, a.PersonId, p.Email, a.SupportRequestId, a.Kind, a.DueUtc })
            .OrderBy(a => a.PersonId).ThenBy(a => a.DueUtc).ThenBy(a => a.Id).Take(5_000).ToListAsync(cancellationToken);
        foreach (var person in unsent.GroupBy(a => new { a.PersonId, a.Email }))
        {
            var lines = person.Select(a => $"- {SupportReference.Format(a.SupportRequestId)}: {Describe(a.Kind, a.DueUtc)}\n  {notices.Value.PortalUrl.TrimEnd('/')}/welfare/requests/{SupportReference.Format(a.SupportRequestId)}");
            if (!MailboxAddress.TryParse(person.Key.Email, out var to))
            {
                // No address the relay could take: the alerts stay in the portal, and are not tried again.
                LogNoAddress(logger);
                await MarkSentAsync([.. person.Select(a => a.Id)], cancellationToken);
                continue;
            }

            var count = person.Count();
            var message = new MimeMessage { Subject = count == 1 ? "A support request needs you soon" : $"{count} support requests need you soon" };
            message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
            message.To.Add(to);
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Body = new TextPart("plain")
            {
                Text = new StringBuilder()
                    .AppendLine(count == 1 ? "This request you work on, or lead on, has a target coming up:" : "These requests you work on, or lead on, have targets coming up:")
                    .AppendLine()
                    .AppendJoin('\n', lines).AppendLine()
                    .AppendLine()
                    .AppendLine("Sign in to the portal to see them. This e-mail holds no detail of any request on purpose.")
                    .ToString(),
            };

            var connection = await mail.RentAsync(cancellationToken);
            try
            {
                await connection.SendAsync(message, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Left unsent: the next run tries again. The portal shows the alerts meanwhile.
                LogNotSent(logger, MailFailure.Classify(exception).Reason);
                continue;
            }
            finally
            {
                await mail.ReturnAsync(connection);
            }

            await MarkSentAsync([.. person.Select(a => a.Id)], cancellationToken);
        }
    }

    private async Task MarkSentAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        await db.WelfareAlerts.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(set => set.SetProperty(a => a.EmailedUtc, at), cancellationToken);
    }

    /// <summary>An alert in words, with its time in UK time: "first contact due by 14:30 Mon 7 Dec".</summary>
    public static string Describe(WelfareAlertKind kind, DateTime dueUtc) => kind switch
    {
        WelfareAlertKind.FirstContactDueSoon => $"first contact due by {UkTime.Format(dueUtc, "HH:mm ddd d MMM")}",
        WelfareAlertKind.ResolutionDueSoon => $"resolution due by {UkTime.Format(dueUtc, "HH:mm ddd d MMM")}",
        _ => $"threat assessment due for review on {UkTime.Format(dueUtc, "ddd d MMM")}",
    };

    private sealed record Due(int RequestId, int? AssigneePersonId, WelfareAlertKind Kind, DateTime DueUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node recorded the same welfare alerts first; this run leaves them to it.")]
    private static partial void LogRace(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A member of the welfare team has no e-mail address the relay could take: their alerts are shown in the portal only.")]
    private static partial void LogNoAddress(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A welfare alert e-mail was not sent ({Reason}); the next run tries again.")]
    private static partial void LogNotSent(ILogger logger, string reason);
}
