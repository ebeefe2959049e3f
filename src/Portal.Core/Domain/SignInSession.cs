namespace Portal.Core.Domain;

/// <summary>
/// One sign-in to the portal, from sign-in to sign-out. The sign-in cookie carries only this row's id; the row, shared by
/// every node through the database, says whether the session is still open, so signing out ends it everywhere at once,
/// whatever copies of the cookie remain.
/// </summary>
public sealed class SignInSession
{
    /// <summary>A random identifier (128 bits, hexadecimal); not guessable, and naming nobody.</summary>
    public required string Id { get; set; }

    /// <summary>The sign-in's stable identifier (Entra ID's object id, else the subject).</summary>
    public required string Subject { get; set; }

    public DateTime StartedUtc { get; set; }

    /// <summary>When the person signed out (or the session was ended for them); null while it is open.</summary>
    public DateTime? EndedUtc { get; set; }
}
