using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Core.Tests;

public sealed class CampaignAudienceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Dictionary<string, int> ids = [];
    private int incidentId;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await database.PersonnelImporter().ImportAsync(Csv.File(Csv.PersonnelHeader,
            Csv.Person("100001", unit: "Custody"), Csv.Person("100002", unit: "Custody"), Csv.Person("100003", unit: "Dog Support"),
            Csv.Person("100004", unit: "Training"), Csv.Person("100005", unit: "Custody", status: "leaver")));
        incidentId = await database.CreateIncidentAsync();
        await database.ManifestImporter().ImportAsync(incidentId, Csv.File("pay_number,fields_held", "100001,name", "100003,photo", "100005,name"));
        await using var db = database.NewContext();
        ids = await db.People.ToDictionaryAsync(p => p.PayNumber, p => p.Id, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private async Task<NoticeCampaign> CampaignAsync(Action<NoticeCampaign> audience)
    {
        await using var db = database.NewContext();
        var campaign = new NoticeCampaign { Subject = "Important", BodyTemplate = "Please sign in.", CreatedUtc = DateTime.UtcNow };
        audience(campaign);
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return campaign;
    }

    private async Task<(int Count, int Written, List<string> Recipients)> RunAsync(NoticeCampaign campaign)
    {
        var audience = new CampaignAudience(database.NewContext());
        var count = await audience.CountAsync(campaign, TestContext.Current.CancellationToken);
        var written = await audience.WriteDeliveriesAsync(campaign, TestContext.Current.CancellationToken);
        await using var db = database.NewContext();
        var recipients = await db.Deliveries.Where(d => d.CampaignId == campaign.Id)
            .Join(db.People, d => d.PersonId, p => p.Id, (d, p) => p.PayNumber).OrderBy(x => x).ToListAsync(TestContext.Current.CancellationToken);
        return (count, written, recipients);
    }

    [Fact]
    public async Task EveryoneActive_IsEveryPersonButLeavers_AndWritingAgainAddsNobody()
    {
        var campaign = await CampaignAsync(c => c.Audience = AudienceKind.EveryoneActive);

        var (count, written, recipients) = await RunAsync(campaign);
        var again = await new CampaignAudience(database.NewContext()).WriteDeliveriesAsync(campaign, TestContext.Current.CancellationToken);

        Assert.Equal((4, 4), (count, written));
        Assert.Equal(["100001", "100002", "100003", "100004"], recipients);
        Assert.Equal(0, again);
        await using var db = database.NewContext();
        Assert.All(await db.Deliveries.ToListAsync(TestContext.Current.CancellationToken), d => Assert.Equal((DeliveryStatus.Pending, 0), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task Incident_IsTheActivePeopleItHeld()
    {
        var (count, _, recipients) = await RunAsync(await CampaignAsync(c => (c.Audience, c.AudienceIncidentId) = (AudienceKind.Incident, incidentId)));

        Assert.Equal(2, count);
        Assert.Equal(["100001", "100003"], recipients);
    }

    [Fact]
    public async Task Units_AreTheActivePeopleInThem()
    {
        var (count, _, recipients) = await RunAsync(await CampaignAsync(c => (c.Audience, c.AudienceUnits) = (AudienceKind.Units, ["Custody", "Dog Support"])));

        Assert.Equal(3, count);
        Assert.Equal(["100001", "100002", "100003"], recipients);
    }

    [Fact]
    public async Task FollowUp_IsThoseWhoGotTheEarlierNoticeAndHaveNotAcknowledgedIt()
    {
        var first = await CampaignAsync(c => c.Audience = AudienceKind.EveryoneActive);
        await RunAsync(first);
        await using (var db = database.NewContext())
        {
            db.Acknowledgements.Add(new Acknowledgement { CampaignId = first.Id, PersonId = ids["100002"], AcknowledgedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var (count, _, recipients) = await RunAsync(await CampaignAsync(c => (c.Audience, c.AudienceCampaignId) = (AudienceKind.NotAcknowledged, first.Id)));

        Assert.Equal(3, count);
        Assert.Equal(["100001", "100003", "100004"], recipients);
    }

    [Fact]
    public async Task WholeWorkforce_GetsOneDeliveryRowEach()
    {
        await using var seeded = await TestDatabase.CreateAsync();
        await seeded.Seeder().SeedIfEmptyAsync(Path.Combine(seeded.Directory, "seed"), cancellationToken: TestContext.Current.CancellationToken);
        await using var db = seeded.NewContext();
        var campaign = new NoticeCampaign { Subject = "Important", BodyTemplate = "Please sign in.", Audience = AudienceKind.EveryoneActive, CreatedUtc = DateTime.UtcNow };
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var active = await db.People.CountAsync(p => p.Status == PersonStatus.Active, TestContext.Current.CancellationToken);

        var written = await new CampaignAudience(seeded.NewContext()).WriteDeliveriesAsync(campaign, TestContext.Current.CancellationToken);

        Assert.InRange(active, 45_000, 47_000);
        Assert.Equal(active, written);
        Assert.Equal(active, await db.Deliveries.Select(d => d.PersonId).Distinct().CountAsync(TestContext.Current.CancellationToken));
    }
}
