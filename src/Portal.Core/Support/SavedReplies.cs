using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Support;

/// <summary>
/// The welfare team's saved replies, kept by the leads. A reply may hold only two placeholders, the requester's given
/// name and the request's reference — nothing about what was held or who they are beyond that — filled in when an
/// officer uses it on a request. Saving and deleting are audited; a change meanwhile by another lead is refused.
/// </summary>
public sealed partial class SavedReplies(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int TitleMaxLength = 100;

    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
        [("given_name", "the requester's given name"), ("reference", "the request's reference, such as SR-000123")];

    public const string ConflictMessage = "Another lead changed this reply after you opened it. Open it again to see their change, then make yours.";

    public async Task<IReadOnlyList<SavedReply>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ToListAsync(cancellationToken);

    public Task<SavedReply?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.SavedReplies.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Creates a reply (<paramref name="id"/> null) or changes one seen at <paramref name="version"/>; its id, or null when there is no such reply.</summary>
    public async Task<int?> SaveAsync(Actor actor, int? id, int version, string? title, string? body, CancellationToken cancellationToken = default)
    {
        title = title?.Trim() ?? "";
        body = body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        var problems = new List<FieldProblem>();
        if (title.Length == 0)
        {
            problems.Add(new FieldProblem("Title", "Enter a title, so the team can find the reply."));
        }
        else if (title.Length > TitleMaxLength)
        {
            problems.Add(new FieldProblem("Title", $"The title must be {TitleMaxLength} characters or fewer; it is {title.Length}."));
        }
        else if (await db.SavedReplies.AnyAsync(r => r.Title == title && r.Id != id, cancellationToken))
        {
            problems.Add(new FieldProblem("Title", "Another reply has this title. Give this one a title of its own."));
        }

        if (body.Length == 0)
        {
            problems.Add(new FieldProblem("Body", "Enter the reply."));
        }
        else if (body.Length > SupportRequests.MessageMaxLength)
        {
            problems.Add(new FieldProblem("Body", $"The reply must be {SupportRequests.MessageMaxLength:N0} characters or fewer; it is {body.Length:N0}."));
        }
        else
        {
            problems.AddRange(PlaceholderProblems(body));
        }

        if (problems.Count > 0)
        {
            throw new RefusedException(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        SavedReply? reply;
        if (id is { } existing)
        {
            reply = await db.SavedReplies.SingleOrDefaultAsync(r => r.Id == existing, cancellationToken);
            if (reply is null)
            {
                return null;
            }

            if (reply.Version != version)
            {
                throw new ConflictException(ConflictMessage);
            }
        }
        else
        {
            reply = new SavedReply { Title = title, Body = body };
            db.SavedReplies.Add(reply);
        }

        (reply.Title, reply.Body, reply.UpdatedUtc, reply.UpdatedByPersonId) = (title, body, now, actor.PersonId);
        reply.Version++;
        await SaveAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.SavedReplySaved, null, Target(reply.Id), title, cancellationToken);
        return reply.Id;
    }

    public async Task<bool> DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        var reply = await db.SavedReplies.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reply is null)
        {
            return false;
        }

        db.SavedReplies.Remove(reply);
        audit.Add(actor, AuditActions.SavedReplyDeleted, null, Target(id), reply.Title);
        await SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>The reply as one requester reads it.</summary>
    public static string Fill(string body, string givenName, string reference) =>
        Placeholder().Replace(body, match => match.Groups["name"].Value switch
        {
            "given_name" => givenName,
            "reference" => reference,
            _ => match.Value,
        });

    public static string Target(int id) => $"saved_reply/{id}";

    private static IEnumerable<FieldProblem> PlaceholderProblems(string body)
    {
        var allowed = string.Join(" and ", Placeholders.Select(p => $"(({p.Name}))"));
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in Placeholder().Matches(lines[i]))
            {
                if (!Placeholders.Any(p => p.Name == match.Groups["name"].Value))
                {
                    yield return new FieldProblem("Body", $"Line {i + 1}, column {match.Index + 1}: {match.Value} is not a placeholder a reply can use. Use {allowed}, or write the words out.");
                }
            }
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ConflictMessage);
        }
    }

    [GeneratedRegex(@"\(\((?<name>[^()\r\n]{0,40})\)\)")]
    private static partial Regex Placeholder();
}
