using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Domain;
using Portal.Testing;

namespace Portal.Core.Tests;

/// <summary>The audit trail as a hash chain on a real SQLite database: intact as written, and every change or removal found.</summary>
public sealed class AuditChainTests
{
    private static readonly Actor Admin = new(null, "admin-subject", "10.0.0.1");

    private static async Task RecordAsync(TestDatabase database, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await using var db = database.NewContext();
            await new AuditLog(db, TimeProvider.System).RecordAsync(Admin, AuditActions.CampaignSent, i, $"campaign/{i}", $"event {i}", TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// What someone with the database file could do: the append-only triggers dropped first, then SQL run directly, then
    /// (unless told otherwise) the triggers put back to cover their tracks.
    /// </summary>
    private static async Task TamperAsync(TestDatabase database, string sql, bool restoreTriggers = true)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TestProvider.DropAuditTriggersSql + sql + (restoreTriggers ? TestProvider.RestoreAuditTriggersSql : "");
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database, string? checkpoints = null, AuditKeyRing? keys = null)
    {
        await using var db = database.NewContext(keys);
        return await AuditChain.VerifyAsync(db, checkpoints, TestContext.Current.CancellationToken);
    }

    /// <summary>A key the attacker made up: the hash format is public, the portal's key is not.</summary>
    private static readonly byte[] AttackersKey = [.. Enumerable.Repeat((byte)7, 32)];

    /// <summary>
    /// Rewrites the chain from <paramref name="from"/> on as whoever holds the database could: each event re-linked and
    /// re-hashed in the public format (with a key of their own), and the head moved to match.
    /// </summary>
    private static async Task RehashFromAsync(TestDatabase database, long from)
    {
        await using var db = database.NewContext();
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        var sql = new System.Text.StringBuilder();
        var previous = events.Where(e => e.Sequence < from).Select(e => e.Hash).LastOrDefault() ?? "";
        foreach (var e in events.Where(e => e.Sequence >= from))
        {
            e.PreviousHash = previous;
            e.Hash = AuditChain.HashOf(e, AttackersKey);
            previous = e.Hash;
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE audit_events SET previous_hash = '{e.PreviousHash}', hash = '{e.Hash}' WHERE id = {e.Id}; ");
        }

        sql.Append(CultureInfo.InvariantCulture, $"UPDATE audit_chain_head SET last_sequence = {events.Count}, last_hash = '{previous}'; ");
        await TamperAsync(database, sql.ToString());
    }

    [Fact]
    public async Task EventsAsRecorded_FormAnUnbrokenChain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        var result = await VerifyAsync(database);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(5, result.EventsChecked);
        await using var db = database.NewContext();
        var events = await db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence!.Value));
        Assert.Equal("", events[0].PreviousHash);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Equal(events[^1].Hash, result.LastHash);
    }

    [Fact]
    public async Task AnEventChangedAfterTheFact_IsFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        await TamperAsync(database, "UPDATE audit_events SET subject_person_id = 999 WHERE sequence = 3;");
        var result = await VerifyAsync(database);

        Assert.False(result.Intact);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Sequence);
        Assert.Contains("Event 3 (campaign.sent, recorded", problem.Message, StringComparison.Ordinal);
        Assert.Contains("was changed after it was recorded", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventChangedAndRehashed_IsFoundByTheNextOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);
        await using (var db = database.NewContext())
        {
            var third = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 3, TestContext.Current.CancellationToken);
            third.Detail = "nothing to see";
            await TamperAsync(database, $"UPDATE audit_events SET detail = 'nothing to see', hash = '{AuditChain.HashOf(third, TestProvider.AuditKeys.CurrentKey)}' WHERE sequence = 3;");
        }

        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Event 4 does not follow on from event 3: one of them was changed or replaced after it was recorded.", problem.Message);
    }

    [Fact]
    public async Task AnEventDeleted_IsFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        await TamperAsync(database, "DELETE FROM audit_events WHERE sequence = 3;");
        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Sequence);
        Assert.StartsWith("Event 3 is missing: it was removed after it was recorded", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastEventsDeleted_AreFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        await TamperAsync(database, "DELETE FROM audit_events WHERE sequence >= 4;");
        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Events 4 to 5, the last ones recorded, are missing: they were removed after they were recorded.", problem.Message);
    }

    [Fact]
    public async Task TheDatabase_RefusesToChangeOrDeleteARecordedEvent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 2);
        await using var db = database.NewContext();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET detail = 'x' WHERE sequence = 1", TestContext.Current.CancellationToken));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events", TestContext.Current.CancellationToken));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync(database)).Intact);
    }

    [Fact]
    public async Task ManyWritersAtOnce_EachTakeTheirOwnPlaceInTheChain()
    {
        await using var database = await TestDatabase.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await using var db = database.NewContext();
                var log = new AuditLog(db, TimeProvider.System);
                log.Add(Admin, AuditActions.SupportRequestViewed, writer, $"SR-{writer}-{i}");
                log.Add(Admin, AuditActions.PriorityOverridden, writer, $"SR-{writer}-{i}", "two in one save");
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }
        })));
        var result = await VerifyAsync(database);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(320, result.EventsChecked);
        Assert.Equal(320, result.LastSequence);
    }

    [Fact]
    public async Task AnEventChangedAndTheWholeChainRehashedInThePublicFormat_IsFound_ForNoOneButThePortalHoldsTheKey()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        await TamperAsync(database, "UPDATE audit_events SET detail = 'nothing to see' WHERE sequence = 3;");
        await RehashFromAsync(database, 3);
        var result = await VerifyAsync(database);

        Assert.False(result.Intact);
        Assert.Equal([3L, 4, 5], result.Problems.Select(p => p.Sequence!.Value));
        Assert.All(result.Problems, p => Assert.Contains("was changed after it was recorded", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventDeletedAndTheRestRenumberedAndRehashed_IsFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 5);

        await TamperAsync(database, "DELETE FROM audit_events WHERE sequence = 3; UPDATE audit_events SET sequence = sequence - 1 WHERE sequence > 3;");
        await RehashFromAsync(database, 3);
        var result = await VerifyAsync(database);

        Assert.False(result.Intact);
        Assert.Equal([3L, 4], result.Problems.Select(p => p.Sequence!.Value));
    }

    [Fact]
    public async Task AnEventWrittenAroundThePortal_IsNeverSealed_AndIsReported()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 1);
        await using (var connection = database.NewConnection())
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO audit_events (occurred_utc, actor_subject, action) VALUES ('2026-01-01 10:00:00', 'a', 'made.up');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await RecordAsync(database, 1);
        var result = await VerifyAsync(database);

        Assert.Equal("1 events are outside the chain: they were written around the portal, which seals every event it records.", Assert.Single(result.Problems).Message);
        await using var check = database.NewContext();
        Assert.Equal(1, await AuditChain.CountUnsealedAsync(check, TestContext.Current.CancellationToken));
        Assert.Equal([AuditActions.CampaignSent, AuditActions.CampaignSent], await check.AuditEvents.Where(e => e.Sequence != null).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheAppendOnlyTriggersRemoved_AreReported()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 2);

        await TamperAsync(database, "", restoreTriggers: false);
        var result = await VerifyAsync(database);
        await using var db = database.NewContext();

        Assert.Contains("audit_events_append_only_update", await AuditChain.MissingTriggersAsync(db, TestContext.Current.CancellationToken));
        Assert.StartsWith("The database no longer refuses changes to the audit trail: its triggers audit_events_append_only_update, audit_events_append_only_delete",
            Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTrailCutShortWithItsHeadRewound_IsFoundByTheCheckpointKeptOutsideTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var checkpoints = Path.Combine(database.Directory, "checkpoints.log");
        await RecordAsync(database, 3);
        await using (var db = database.NewContext())
        {
            await AuditCheckpoints.WriteAsync(db, checkpoints, TimeProvider.System, TestContext.Current.CancellationToken);
        }

        await RecordAsync(database, 2);
        string thirdHash;
        await using (var db = database.NewContext())
        {
            thirdHash = await db.AuditEvents.Where(e => e.Sequence == 2).Select(e => e.Hash!).SingleAsync(TestContext.Current.CancellationToken);
        }

        await TamperAsync(database, $"DELETE FROM audit_events WHERE sequence >= 3; UPDATE audit_chain_head SET last_sequence = 2, last_hash = '{thirdHash}';");
        var withoutCheckpoints = await VerifyAsync(database);
        var withCheckpoints = await VerifyAsync(database, checkpoints);

        // Inside the database alone the shortened trail is consistent; the signed checkpoint outside it is not.
        Assert.True(withoutCheckpoints.Intact, string.Join("; ", withoutCheckpoints.Problems));
        Assert.False(withCheckpoints.Intact);
        Assert.Contains("The trail was cut short: the checkpoint of", Assert.Single(withCheckpoints.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("recorded event 3, but the trail now ends at event 2", withCheckpoints.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpointWrittenOrChangedBySomeoneElse_IsReported()
    {
        await using var database = await TestDatabase.CreateAsync();
        var checkpoints = Path.Combine(database.Directory, "checkpoints.log");
        await RecordAsync(database, 2);
        AuditCheckpoint written;
        await using (var db = database.NewContext())
        {
            written = (await AuditCheckpoints.WriteAsync(db, checkpoints, TimeProvider.System, TestContext.Current.CancellationToken))!;
        }

        await File.AppendAllTextAsync(checkpoints, (written with { Sequence = 1 }) + "\n", TestContext.Current.CancellationToken);
        var result = await VerifyAsync(database, checkpoints);

        Assert.Equal("Line 2 of the checkpoint file does not carry the portal's signature: it was written or changed by someone else.", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task AfterTheKeyIsRotated_EveryEventStillChecks_WhileAnEventUnderAKeyNoLongerHeldIsReported()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RecordAsync(database, 2);
        var rotated = AuditKeyRing.From(new() { Keys = { [TestProvider.AuditKeyId] = TestProvider.AuditKey, ["2027"] = AuditKeyRing.NewKey() }, CurrentKey = "2027" });
        await using (var db = database.NewContext(rotated))
        {
            await new AuditLog(db, TimeProvider.System).RecordAsync(Admin, AuditActions.CampaignSent, 3, "campaign/3", "after rotation", TestContext.Current.CancellationToken);
        }

        var withBoth = await VerifyAsync(database, keys: rotated);
        var withoutTheOld = await VerifyAsync(database, keys: new AuditKeyRing(new Dictionary<string, byte[]> { ["2027"] = rotated.CurrentKey }, "2027"));

        Assert.True(withBoth.Intact, string.Join("; ", withBoth.Problems));
        Assert.Equal([1L, 2], withoutTheOld.Problems.Select(p => p.Sequence!.Value));
        Assert.All(withoutTheOld.Problems, p => Assert.Contains("was sealed with the key \"test\", which this portal does not hold", p.Message, StringComparison.Ordinal));
        await using var check = database.NewContext();
        Assert.Equal("2027", await check.AuditEvents.Where(e => e.Sequence == 3).Select(e => e.KeyId).SingleAsync(TestContext.Current.CancellationToken));
    }
}
