using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Sessions;

/// <summary>Opens, checks and ends sign-in sessions (see <see cref="SignInSession"/>).</summary>
public sealed class SignInSessions(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Every signed-in request asks this, so its query is translated once, not on each request.</summary>
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<bool>> Open =
        EF.CompileAsyncQuery((PortalDbContext db, string id, CancellationToken cancellationToken) => db.SignInSessions.Any(s => s.Id == id && s.EndedUtc == null));

    /// <summary>Records a new session for this sign-in and returns its id, for the cookie to carry.</summary>
    public async Task<string> StartAsync(string subject, CancellationToken cancellationToken)
    {
        var session = new SignInSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Subject = subject.Length > 200 ? subject[..200] : subject,
            StartedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>Whether the session is still open: it exists and has not been ended.</summary>
    public Task<bool> IsOpenAsync(string id, CancellationToken cancellationToken) => Open(db, id, cancellationToken);

    /// <summary>Ends the session, on every node at once. Ending one already ended, or unknown, does nothing.</summary>
    public Task EndAsync(string id, CancellationToken cancellationToken) =>
        db.SignInSessions.Where(s => s.Id == id && s.EndedUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>Removes sessions started before <paramref name="before"/>: past the absolute limit none of them can be open.</summary>
    public Task<int> RemoveStartedBeforeAsync(DateTime before, CancellationToken cancellationToken) =>
        db.SignInSessions.Where(s => s.StartedUtc < before).ExecuteDeleteAsync(cancellationToken);
}
