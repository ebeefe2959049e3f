using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.DemoData;

/// <summary>
/// Gives the development portal a realistic welfare queue: requests from affected people over the last ten days,
/// made through the same service people use, with older ones further along the workflow. Development only.
/// </summary>
public sealed class DemoSupportSeeder(PortalDbContext db, IOptions<SupportOptions> options, TimeProvider clock)
{
    private static readonly string[] Worries =
    [
        "A car has been parked opposite my house two evenings running and I do not recognise it.",
        "Someone sent me a friend request using my rank and station in their message.",
        "My partner is worried. Can someone talk to us both about what this means for the family?",
        "I would like help getting my address off people-search websites.",
        "I have been sleeping badly since I heard about this and would like to talk to someone.",
        "I think a copy of my warrant card may have been used at a shop in town.",
        "I am due to deploy on a sensitive operation next month and need advice first.",
        "Please can I have a home security survey? I live alone.",
    ];

    public async Task<bool> SeedIfEmptyAsync(int count = 300, int seed = WorkforceGenerator.DefaultSeed, CancellationToken cancellationToken = default)
    {
        if (await db.SupportRequests.AnyAsync(cancellationToken))
        {
            return false;
        }

        var random = new Random(seed);
        var affected = await db.Exposures.AsNoTracking().Select(e => e.PersonId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var ids = await db.People.AsNoTracking().Where(p => PersonaPeople.All.Select(x => x.PayNumber).Contains(p.PayNumber))
            .ToDictionaryAsync(p => p.PayNumber, p => p.Id, cancellationToken);
        if (!PersonaPeople.All.All(p => ids.ContainsKey(p.PayNumber)))
        {
            // A workforce smaller than the personas' pay numbers (Seed:Size below 30,000) has no welfare team to work the queue.
            return false;
        }

        var welfareOfficer = ids[PersonaPeople.WelfareOfficer.PayNumber];
        var welfareLead = ids[PersonaPeople.WelfareLead.PayNumber];
        var now = clock.GetUtcNow();
        db.WelfareTeamMembers.AddRange(
            new WelfareTeamMember { PersonId = welfareOfficer, IsLead = false, LastSeenUtc = now.UtcDateTime },
            new WelfareTeamMember { PersonId = welfareLead, IsLead = true, LastSeenUtc = now.UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);

        // One transaction: hundreds of small commits would each wait for the disk.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var at = new SettableClock();
        var requests = new SupportRequests(db, at, options);
        var types = SupportWorkflow.AskedForOnTheForm;
        for (var i = 0; i < count; i++)
        {
            // More requests in the first days after the news, fewer later.
            var age = TimeSpan.FromHours(240 * Math.Pow(random.NextDouble(), 0.6));
            at.Now = now - age;
            var personId = affected[random.Next(affected.Count)];
            var urgency = (StatedUrgency)random.Next(3);
            var request = await requests.CreateAsync(personId, new NewSupportRequest(
                types[random.Next(types.Count)], urgency, Worries[random.Next(Worries.Length)], ContactMethod.Portal, null, true), cancellationToken);

            var days = age.TotalDays;
            var actor = request.Restricted ? welfareLead : random.Next(2) == 0 ? welfareOfficer : welfareLead;
            at.Now += TimeSpan.FromHours(Math.Min(age.TotalHours / 2, 6));
            if (days > 1 && random.NextDouble() < 0.8)
            {
                await requests.AssignAsync(actor, request.Id, request.Version, actor, cancellationToken);
                await requests.ChangeStatusAsync(actor, request.Id, request.Version, SupportRequestStatus.InProgress, cancellationToken);
                await requests.SendMessageAsync(actor, request.Id, "Thank you for getting in touch. I am looking at this now and will call you today.", cancellationToken: cancellationToken);
                if (days > 5 && random.NextDouble() < 0.7)
                {
                    await requests.ChangeStatusAsync(actor, request.Id, request.Version, SupportRequestStatus.Resolved, cancellationToken);
                }
            }

            db.ChangeTracker.Clear();
        }

        // The personas' own requests, so each seat shows something.
        at.Now = now - TimeSpan.FromHours(30);
        var constable = await requests.CreateAsync(ids[PersonaPeople.AffectedConstable.PayNumber], new NewSupportRequest(
            SupportRequestType.HomeOrVehicleSecurity, StatedUrgency.ThisWeek, Worries[0], ContactMethod.Portal, null, true), cancellationToken);
        at.Now += TimeSpan.FromHours(3);
        await requests.AssignAsync(welfareOfficer, constable.Id, constable.Version, welfareOfficer, cancellationToken);
        await requests.ChangeStatusAsync(welfareOfficer, constable.Id, constable.Version, SupportRequestStatus.InProgress, cancellationToken);
        await requests.SendMessageAsync(welfareOfficer, constable.Id, "I have booked a home security survey for Thursday morning. Does 10am suit you?", cancellationToken: cancellationToken);
        await requests.AddNoteAsync(welfareOfficer, constable.Id, "Crime prevention adviser confirmed for Thursday.", cancellationToken);
        at.Now = now - TimeSpan.FromHours(2);
        await requests.CreateAsync(ids[PersonaPeople.CovertOfficer.PayNumber], new NewSupportRequest(
            SupportRequestType.UrgentThreat, StatedUrgency.Today, Worries[6], ContactMethod.Portal, null, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
