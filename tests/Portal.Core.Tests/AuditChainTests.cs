using System.Data.Common;
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

    /// <summary>What someone with the database file could do: the append-only triggers dropped first, then SQL run directly.</summary>
    private static async Task TamperAsync(TestDatabase database, string sql)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TestProvider.DropAuditTriggersSql + sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await AuditChain.VerifyAsync(db, TestContext.Current.CancellationToken);
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
            await TamperAsync(database, $"UPDATE audit_events SET detail = 'nothing to see', hash = '{AuditChain.HashOf(third)}' WHERE sequence = 3;");
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
    public async Task EventsFromBeforeTheChain_AreSealedOldestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var connection = database.NewConnection())
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO audit_events (occurred_utc, actor_subject, action) VALUES ('2026-01-01 10:00:00', 'a', 'old.one'), ('2026-01-02 10:00:00', 'b', 'old.two');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("2 events are outside the chain", Assert.Single((await VerifyAsync(database)).Problems).Message, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(2, await AuditChain.SealEarlierEventsAsync(db, TestContext.Current.CancellationToken));
        }

        await RecordAsync(database, 1);
        var result = await VerifyAsync(database);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        await using var check = database.NewContext();
        Assert.Equal(["old.one", "old.two", AuditActions.CampaignSent], await check.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken));
    }
}
