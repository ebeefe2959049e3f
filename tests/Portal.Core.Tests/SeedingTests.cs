using Microsoft.EntityFrameworkCore;
using Portal.Core.DemoData;

namespace Portal.Core.Tests;

public sealed class SeedingTests
{
    [Fact]
    public async Task Seed_EmptyDatabase_ImportsTheWholeWorkforceThroughTheEngineOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var seedDirectory = Path.Combine(database.Directory, "seed");
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.True(await database.Seeder().SeedIfEmptyAsync(seedDirectory, cancellationToken: cancellationToken));
        Assert.False(await database.Seeder().SeedIfEmptyAsync(seedDirectory, cancellationToken: cancellationToken));

        await using var db = database.NewContext();
        Assert.Equal(47_000, await db.People.CountAsync(cancellationToken));
        Assert.Equal(2, await db.Incidents.CountAsync(cancellationToken));
        Assert.True(File.Exists(Path.Combine(seedDirectory, WorkforceFiles.PersonnelFileName)));

        var constable = await db.People.SingleAsync(p => p.PayNumber == PersonaPeople.AffectedConstable.PayNumber, cancellationToken);
        Assert.Equal(("Siobhán", "O'Connell"), (constable.GivenName, constable.FamilyName));
        Assert.Equal(2, await db.Exposures.CountAsync(e => e.PersonId == constable.Id, cancellationToken));
        var unaffected = await db.People.SingleAsync(p => p.PayNumber == PersonaPeople.UnaffectedStaff.PayNumber, cancellationToken);
        Assert.False(await db.Exposures.AnyAsync(e => e.PersonId == unaffected.Id, cancellationToken));

        // The seed files re-import as "no change": the engine and the generator agree.
        await using var file = File.OpenRead(Path.Combine(seedDirectory, WorkforceFiles.PersonnelFileName));
        var again = await database.PersonnelImporter().ImportAsync(file, cancellationToken);
        Assert.Equal((0, 0, 47_000), (again.Added, again.Changed, again.Unchanged));
    }
}
