using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Domain;
using Portal.Core.Jobs;
using Portal.Core.Retention;

namespace Portal.Core.Tests;

/// <summary>
/// Retention: closed and withdrawn support requests, and finished campaigns' delivery rows, are removed once past
/// their periods; what is still open or recent stays; the audit trail keeps every event and records the run.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;
    private readonly string receiptDirectory = Directory.CreateTempSubdirectory("portal-receipts-").FullName;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(receiptDirectory, recursive: true);
    }

    private Portal.Core.Claims.ReceiptStore Receipts => new(Options.Create(new Portal.Core.Claims.ClaimsOptions { ReceiptDirectory = receiptDirectory, KeepReceiptsFor = TimeSpan.FromDays(2190) }));

    private RetentionJob Job(RetentionOptions? options = null)
    {
        var db = database.NewContext();
        var clock = new ManualClock(Now);
        return new RetentionJob(db, new AuditLog(db, clock), new Portal.Core.Sessions.SignInSessions(db, clock), Options.Create(options ?? new RetentionOptions
        {
            ClosedSupportRequests = TimeSpan.FromDays(730),
            Deliveries = TimeSpan.FromDays(365),
        }), Receipts, Options.Create(new Portal.Core.Claims.ClaimsOptions { ReceiptDirectory = receiptDirectory, KeepReceiptsFor = TimeSpan.FromDays(2190) }), clock, NullLogger<RetentionJob>.Instance);
    }

    [Fact]
    public async Task ClosedRequestsPastTheirPeriod_GoWithEverythingAttached_OpenAndRecentOnesStay()
    {
        var person = await AddPersonAsync();
        var oldClosed = await AddRequestAsync(person, SupportRequestStatus.Closed, daysSinceChange: 731);
        var oldWithdrawn = await AddRequestAsync(person, SupportRequestStatus.Withdrawn, daysSinceChange: 800);
        var recentClosed = await AddRequestAsync(person, SupportRequestStatus.Closed, daysSinceChange: 729);
        var oldButOpen = await AddRequestAsync(person, SupportRequestStatus.WaitingOnPerson, daysSinceChange: 900);
        var oldResolved = await AddRequestAsync(person, SupportRequestStatus.Resolved, daysSinceChange: 900);
        var auditBefore = await CountAsync(db => db.AuditEvents);

        var result = await Job().RunAsync(TestContext.Current.CancellationToken);

        await using var db = database.NewContext();
        Assert.Equal(2, result.SupportRequests);
        Assert.Equal(
            [recentClosed, oldButOpen, oldResolved],
            await db.SupportRequests.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken));
        int[] gone = [oldClosed, oldWithdrawn];
        Assert.False(await db.SupportMessages.AnyAsync(m => gone.Contains(m.SupportRequestId), TestContext.Current.CancellationToken));
        Assert.False(await db.SupportNotes.AnyAsync(n => gone.Contains(n.SupportRequestId), TestContext.Current.CancellationToken));
        Assert.False(await db.SupportRequestEvents.AnyAsync(e => gone.Contains(e.SupportRequestId), TestContext.Current.CancellationToken));
        Assert.Equal(3, await db.SupportMessages.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(auditBefore + 1, await db.AuditEvents.CountAsync(TestContext.Current.CancellationToken));
        var run = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.RetentionApplied, TestContext.Current.CancellationToken);
        Assert.StartsWith("2 closed support requests", run.Detail);
        Assert.True((await AuditChain.VerifyAsync(db, cancellationToken: TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task DeliveryRowsOfCampaignsFinishedPastThePeriod_Go_TheCampaignAndRecentOrUnfinishedOnesStay_KeepingHowManyTheySent()
    {
        var person = await AddPersonAsync();
        var old = await AddCampaignAsync(person, CampaignStatus.Completed, daysSinceFinished: 366);
        var oldCancelled = await AddCampaignAsync(person, CampaignStatus.Cancelled, daysSinceFinished: 400);
        var recent = await AddCampaignAsync(person, CampaignStatus.Completed, daysSinceFinished: 364);
        var paused = await AddCampaignAsync(person, CampaignStatus.Paused, daysSinceFinished: null);

        var result = await Job().RunAsync(TestContext.Current.CancellationToken);

        await using var db = database.NewContext();
        Assert.Equal(2, result.Deliveries);
        Assert.Equal([recent, paused], await db.Deliveries.OrderBy(d => d.CampaignId).Select(d => d.CampaignId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([recent, paused], await db.Escalations.OrderBy(e => e.CampaignId).Select(e => e.CampaignId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, await db.NoticeCampaigns.CountAsync(c => new[] { old, oldCancelled, recent, paused }.Contains(c.Id), TestContext.Current.CancellationToken));
        // The campaigns whose rows went keep how many they sent (each had one sent row); the others are still counted from their rows.
        Assert.Equal([(old, (int?)1), (oldCancelled, 1), (recent, null), (paused, null)],
            (await db.NoticeCampaigns.Where(c => new[] { old, oldCancelled, recent, paused }.Contains(c.Id)).OrderBy(c => c.Id).Select(c => new { c.Id, c.SentCount }).ToListAsync(TestContext.Current.CancellationToken)).Select(c => (c.Id, c.SentCount)));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.RetentionApplied, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NothingPastItsPeriod_RemovesNothingAndRecordsNothing()
    {
        var person = await AddPersonAsync();
        await AddRequestAsync(person, SupportRequestStatus.Closed, daysSinceChange: 10);

        var result = await Job().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new RetentionResult(0, 0), result);
        Assert.Equal(0, await CountAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.RetentionApplied)));
    }

    [Fact]
    public void APeriodShorterThanADay_IsRefusedWithWhatToSet()
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new RetentionOptions { ClosedSupportRequests = TimeSpan.FromHours(2) };

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true));
        Assert.Contains("Retention:ClosedSupportRequests is 02:00:00; it must be at least a day", Assert.Single(problems).ErrorMessage);
    }

    [Fact]
    public async Task ReceiptsOfFinishedClaimsPastTheirPeriod_AndUploadsNoClaimTook_AreRemoved_TheRestStay()
    {
        var person = await AddPersonAsync();
        var oldPaid = await AddClaimWithReceiptAsync(person, ClaimStatus.Paid, daysSinceChange: 2191);
        var oldOpen = await AddClaimWithReceiptAsync(person, ClaimStatus.Submitted, daysSinceChange: 2191);
        var recentRefused = await AddClaimWithReceiptAsync(person, ClaimStatus.Refused, daysSinceChange: 30);
        var staleUpload = await KeepReceiptAsync(person, hoursAgo: 25);
        var freshUpload = await KeepReceiptAsync(person, hoursAgo: 2);

        var result = await Job().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Receipts);
        Assert.False(File.Exists(Path.Combine(receiptDirectory, oldPaid)), "The receipt of a claim paid six years ago was kept.");
        Assert.True(File.Exists(Path.Combine(receiptDirectory, oldOpen)), "The receipt of a claim still being checked was removed.");
        Assert.True(File.Exists(Path.Combine(receiptDirectory, recentRefused)), "The receipt of a claim refused a month ago was removed.");
        Assert.False(File.Exists(Path.Combine(receiptDirectory, staleUpload)), "An upload no claim took was kept past a day.");
        Assert.True(File.Exists(Path.Combine(receiptDirectory, freshUpload)), "An upload made two hours ago, perhaps about to be claimed, was removed.");
        await using var db = database.NewContext();
        var removed = await db.ClaimItems.SingleAsync(i => i.ReceiptFile == oldPaid, TestContext.Current.CancellationToken);
        Assert.Equal(Now.UtcDateTime, removed.ReceiptRemovedUtc);
        Assert.Equal(64, removed.ReceiptSha256.Length);
        Assert.Contains(await db.AuditEvents.Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken), d => d != null && d.Contains("1 receipts of claims finished", StringComparison.Ordinal));
    }

    private async Task<string> KeepReceiptAsync(Person person, int hoursAgo)
    {
        using var content = new MemoryStream([.. "%PDF-1.4 receipt "u8.ToArray(), .. Guid.NewGuid().ToByteArray()]);
        var (receipt, _) = await Receipts.KeepAsync(person.Id, content, content.Length, TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(Path.Combine(receiptDirectory, receipt!.File), Now.UtcDateTime.AddHours(-hoursAgo));
        return receipt.File;
    }

    private async Task<string> AddClaimWithReceiptAsync(Person person, ClaimStatus status, int daysSinceChange)
    {
        var file = await KeepReceiptAsync(person, hoursAgo: 24 * daysSinceChange);
        await using var db = database.NewContext();
        var scheme = await db.ProtectionSchemes.FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        if (scheme is null)
        {
            scheme = new ProtectionScheme { Code = "HSG26", Name = "Home security", Covers = "Locks", EvidenceNeeded = "Receipts", Kind = SchemeKind.Reimbursement, AmountPence = 40000 };
            db.ProtectionSchemes.Add(scheme);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var changed = Now.UtcDateTime.AddDays(-daysSinceChange);
        db.ProtectionClaims.Add(new ProtectionClaim
        {
            SchemeId = scheme.Id,
            PersonId = person.Id,
            Status = status,
            ClaimedPence = 1000,
            SubmissionKey = Guid.NewGuid(),
            SubmittedUtc = changed,
            UpdatedUtc = changed,
            Items = [new ClaimItem { What = "Lock", Supplier = "Locksmith", AmountPence = 1000, ReceiptFile = file, ReceiptSha256 = new string('a', 64), ReceiptContentType = "application/pdf" }],
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return file;
    }

    private async Task<int> CountAsync<T>(Func<Portal.Core.Data.PortalDbContext, IQueryable<T>> query)
    {
        await using var db = database.NewContext();
        return await query(db).CountAsync(TestContext.Current.CancellationToken);
    }

    private async Task<Person> AddPersonAsync()
    {
        await using var db = database.NewContext();
        var person = new Person
        {
            PayNumber = "900001",
            GivenName = "Given",
            FamilyName = "Family",
            RankOrGrade = "Constable",
            Unit = "Custody",
            WorkLocation = "Northgate",
            Email = "p900001@force.example",
            EmailNormalised = "p900001@force.example",
            CreatedUtc = Now.UtcDateTime,
            UpdatedUtc = Now.UtcDateTime,
        };
        db.People.Add(person);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return person;
    }

    /// <summary>A request in this state, last changed so many days ago, with a message, a note and a step in its history.</summary>
    private async Task<int> AddRequestAsync(Person person, SupportRequestStatus status, int daysSinceChange)
    {
        await using var db = database.NewContext();
        var changed = Now.UtcDateTime.AddDays(-daysSinceChange);
        var request = new SupportRequest
        {
            PersonId = person.Id,
            Description = "Worried",
            Status = status,
            CreatedUtc = changed.AddDays(-5),
            UpdatedUtc = changed,
            DueUtc = changed,
            Events = [new SupportRequestEvent { OccurredUtc = changed, What = "Closed" }],
        };
        db.SupportRequests.Add(request);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.SupportMessages.Add(new SupportMessage { SupportRequestId = request.Id, SentUtc = changed, FromRequester = true, Body = "Hello" });
        db.SupportNotes.Add(new SupportNote { SupportRequestId = request.Id, WrittenUtc = changed, Body = "Note" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return request.Id;
    }

    private async Task<int> AddCampaignAsync(Person person, CampaignStatus status, int? daysSinceFinished)
    {
        await using var db = database.NewContext();
        var campaign = new NoticeCampaign
        {
            Subject = "Warning",
            BodyTemplate = "Dear ((given_name))",
            Audience = AudienceKind.EveryoneActive,
            Status = status,
            CreatedUtc = Now.UtcDateTime.AddDays(-500),
            CompletedUtc = daysSinceFinished is { } days ? Now.UtcDateTime.AddDays(-days) : null,
        };
        db.NoticeCampaigns.Add(campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Deliveries.Add(new Delivery { CampaignId = campaign.Id, PersonId = person.Id, Status = DeliveryStatus.Sent, SentUtc = campaign.CreatedUtc });
        db.Escalations.Add(new Escalation { CampaignId = campaign.Id, PersonId = person.Id, Step = LadderStep.Reminder, Status = EscalationStatus.Done, CreatedUtc = campaign.CreatedUtc });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return campaign.Id;
    }
}
