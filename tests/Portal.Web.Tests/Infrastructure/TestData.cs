using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>Small builders for the rows a test needs, written to the test host's own database.</summary>
public sealed class TestData(IServiceProvider services)
{
    private static int next = 500_000;

    public static string NewPayNumber() => Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture);

    public async Task<Person> CreatePersonAsync(Action<Person>? configure = null) =>
        (await CreatePeopleAsync(1, (person, _) => configure?.Invoke(person)))[0];

    /// <summary>Many people at once, each with a unique pay number and e-mail, in one save.</summary>
    public async Task<List<Person>> CreatePeopleAsync(int count, Action<Person, int>? configure = null)
    {
        var people = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var payNumber = NewPayNumber();
            var person = new Person
            {
                PayNumber = payNumber,
                GivenName = "Given" + NameSuffix(payNumber),
                FamilyName = "Family" + NameSuffix(payNumber),
                PersonnelType = PersonnelType.Officer,
                RankOrGrade = "Constable",
                Unit = "Emergency Response",
                WorkLocation = "Northgate Police Station",
                VettingLevel = VettingLevel.NPPV2,
                Email = $"person{payNumber}@force.example",
                EmailNormalised = $"person{payNumber}@force.example",
                SensitiveRole = SensitiveRole.None,
                Status = PersonStatus.Active,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            };
            configure?.Invoke(person, i);
            person.EmailNormalised = person.Email.ToLowerInvariant();
            people.Add(person);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        return people;
    }

    public async Task<Incident> CreateIncidentAsync(Action<Incident>? configure = null)
    {
        var reference = "INC-T" + NewPayNumber();
        var incident = new Incident
        {
            Reference = reference,
            Title = "Incident " + reference,
            Source = "A test supplier",
            Summary = "What happened in " + reference,
            Status = IncidentStatus.Confirmed,
            OccurredOn = new DateOnly(2023, 8, 18),
            DiscoveredOn = new DateOnly(2023, 8, 24),
            NotIncluded = ["Home address", "Financial details"],
            Updates = [new IncidentUpdate { PostedUtc = new DateTime(2023, 9, 4, 10, 0, 0, DateTimeKind.Utc), Text = "Latest news about " + reference }],
            CreatedUtc = DateTime.UtcNow,
        };
        configure?.Invoke(incident);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    public async Task AddExposureAsync(Person person, Incident incident, HeldFields fields)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Exposures.Add(new Exposure { PersonId = person.Id, IncidentId = incident.Id, Fields = fields, UpdatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>A finished campaign with this subject, sent to this person alone (a delivery row marked sent); its id is the notice's.</summary>
    public Task<int> SendNoticeAsync(Person person, string subject = "Your details were exposed") => SendNoticeAsync([person], subject);

    /// <summary>A finished campaign with this subject (about an incident when given), sent to these people; its id is the notice's.</summary>
    public async Task<int> SendNoticeAsync(IReadOnlyList<Person> people, string subject = "Your details were exposed", Incident? about = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var campaign = new NoticeCampaign
        {
            Subject = subject,
            BodyTemplate = "Dear ((given_name)), sign in: ((notice_link))",
            Audience = AudienceKind.EveryoneActive,
            IncidentId = about?.Id,
            Status = CampaignStatus.Completed,
            RecipientCount = people.Count,
            CreatedUtc = DateTime.UtcNow,
            StartedUtc = DateTime.UtcNow,
        };
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        db.Deliveries.AddRange(people.Select(p => new Delivery { CampaignId = campaign.Id, PersonId = p.Id, Status = DeliveryStatus.Sent, SentUtc = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    /// <summary>These people confirm they have read the notice.</summary>
    public async Task AcknowledgeAsync(int campaignId, params IEnumerable<Person> people)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Acknowledgements.AddRange(people.Select(p => new Acknowledgement { CampaignId = campaignId, PersonId = p.Id, AcknowledgedUtc = DateTime.UtcNow }));
        await db.SaveChangesAsync();
    }

    // Names are letters only; map the digits of the pay number to letters so each person's name is unique.
    private static string NameSuffix(string payNumber) => new([.. payNumber.Select(c => (char)('a' + (c - '0')))]);
}
