using Microsoft.Data.Sqlite;

namespace Portal.Data.Sqlite;

/// <summary>
/// Two settings of each connection, set whenever one opens. With write-ahead logging, <c>synchronous=NORMAL</c>
/// keeps every committed transaction through a crash of the process (only a power cut can lose the last few) and
/// stops each small commit waiting for the disk — the notice sender stamps one row per message. And
/// <c>busy_timeout</c> lets SQLite wait for another writer in steps of a few milliseconds, where the ADO.NET
/// provider on its own retries a busy database only every 150 ms: several workers stamping rows at once would
/// otherwise spend most of their time asleep.
/// </summary>
internal sealed class ConnectionPragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly ConnectionPragmas Instance = new();
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    // The settings belong to SQLite's own connection, which the ADO.NET pool keeps open between uses: each is set once,
    // not on every open (a page opens a connection for each query).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (Configured.TryGetValue(((SqliteConnection)connection).Handle!, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Configured.TryAdd(((SqliteConnection)connection).Handle!, Instance);
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Configured.TryGetValue(((SqliteConnection)connection).Handle!, out _))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Configured.TryAdd(((SqliteConnection)connection).Handle!, Instance);
    }
}
