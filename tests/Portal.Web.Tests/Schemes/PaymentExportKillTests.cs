using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Testing;
using Portal.Web.Tests.Notices;

namespace Portal.Web.Tests.Schemes;

/// <summary>
/// A portal process killed (kill -9) in the middle of exporting a payment file: nothing is taken, no file is left, and
/// the next export — by another process — takes every approved claim once.
/// </summary>
public sealed partial class PaymentExportKillTests
{
    // Enough claims that the export's transaction is open for a good part of a second.
    private const int People = 3_000;
    private const int ClaimsEach = 10;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProcessKilledWhileExporting_LeavesNoFileAndNoClaimTaken_AndTheNextExportTakesEveryClaimOnce()
    {
        var directory = Directory.CreateTempSubdirectory("portal-export-kill-").FullName;
        var connectionString = await TestProvider.CreateDatabaseAsync(directory);
        try
        {
            await PrepareAsync(connectionString);
            var environment = SendingCampaign.NodeEnvironment(directory, connectionString, smtpPort: 25, parallelism: 1, batchSize: 50, ratePerMinute: 0);

            using (var first = PortalProcess.Start(environment))
            {
                var client = await SignedInAdministratorAsync(first);
                var export = ExportAsync(client);
                await WaitForTheExportsTransactionAsync(connectionString, export);
                first.Kill();
                Assert.NotEqual(HttpStatusCode.Redirect, await export);
            }

            await using (var db = NewContext(connectionString))
            {
                Assert.Equal(0, await db.PaymentFiles.CountAsync(Cancel));
                Assert.Equal(People * ClaimsEach, await db.ProtectionClaims.CountAsync(c => c.Status == ClaimStatus.Approved && c.PaymentFileId == null, Cancel));
            }

            using (var second = PortalProcess.Start(environment))
            {
                var client = await SignedInAdministratorAsync(second);
                Assert.Equal(HttpStatusCode.Redirect, await ExportAsync(client));
                var listing = await client.GetStringAsync("/admin/payments", Cancel);
                var link = FileLink().Match(listing).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
                var rows = PaymentFileTests.Rows(await client.GetByteArrayAsync(link, Cancel));
                Assert.Equal(People * ClaimsEach, rows.Count);
                Assert.Equal(rows.Count, rows.Select(r => r[3]).Distinct().Count());
            }

            await using var after = NewContext(connectionString);
            Assert.Equal(1, await after.PaymentFiles.CountAsync(Cancel));
            Assert.False(await after.ProtectionClaims.AnyAsync(c => c.PaymentFileId == null, Cancel));
        }
        finally
        {
            await TestProvider.DropDatabaseAsync(connectionString);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static PortalDbContext NewContext(string connectionString) => new(TestProvider.Options(connectionString));

    private static async Task PrepareAsync(string connectionString)
    {
        await using var db = NewContext(connectionString);
        await db.Database.MigrateAsync(Cancel);
        var scheme = new ProtectionScheme { Code = "HSP26", Name = "Home security payment", Covers = "Security", EvidenceNeeded = "Declaration", Kind = SchemeKind.FlatPayment, AmountPence = 25_000 };
        db.ProtectionSchemes.Add(scheme);
        var people = Enumerable.Range(0, People).Select(i => SendingCampaign.NewPerson((800_000 + i).ToString(CultureInfo.InvariantCulture))).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync(Cancel);
        db.ProtectionClaims.AddRange(people.SelectMany(p => Enumerable.Range(0, ClaimsEach).Select(_ => new ProtectionClaim
        {
            SchemeId = scheme.Id,
            PersonId = p.Id,
            Status = ClaimStatus.Approved,
            ClaimedPence = 2_500,
            ApprovedPence = 2_500,
            Declared = true,
            SubmissionKey = Guid.NewGuid(),
            SubmittedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Version = 3,
        })));
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>Signs in through the development sign-in as the administrator persona, as a browser would.</summary>
    private static async Task<HttpClient> SignedInAdministratorAsync(PortalProcess portal)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = await portal.AddressAsync() };
        var form = await client.GetStringAsync("/dev/sign-in", Cancel);
        var signedIn = await client.PostAsync("/dev/sign-in?handler=Persona", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Token().Match(form).Groups[1].Value), new("Input.Persona", "administrator")]), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static async Task<HttpStatusCode> ExportAsync(HttpClient client)
    {
        try
        {
            var page = await client.GetStringAsync("/admin/payments", Cancel);
            using var posted = await client.PostAsync("/admin/payments?handler=Export", new FormUrlEncodedContent([new("__RequestVerificationToken", Token().Match(page).Groups[1].Value)]), Cancel);
            return posted.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Waits until the export holds its transaction open: on PostgreSQL, a session of the portal's with a write under
    /// way on the claims; on SQLite, the database's write lock held (no other writes happen meanwhile).
    /// </summary>
    private static async Task WaitForTheExportsTransactionAsync(string connectionString, Task<HttpStatusCode> export)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await InTransactionAsync(connectionString))
        {
            Assert.False(export.IsCompleted, $"The export finished ({(export.IsCompletedSuccessfully ? export.Result : "failed")}) before its transaction was seen.");
            Assert.True(DateTime.UtcNow < deadline, "The export's transaction was not seen within a minute.");
            await Task.Delay(5, Cancel);
        }
    }

    private static async Task<bool> InTransactionAsync(string connectionString)
    {
        if (TestProvider.IsPostgreSql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancel);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND query ILIKE '%protection_claims%'", connection);
            return (long)(await command.ExecuteScalarAsync(Cancel))! > 0;
        }

        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await sqlite.OpenAsync(Cancel);
        // Straight to SQLite, without the provider's retries: busy at once if another connection holds the write lock.
        SQLitePCL.raw.sqlite3_busy_timeout(sqlite.Handle, 0);
        var result = SQLitePCL.raw.sqlite3_exec(sqlite.Handle, "BEGIN IMMEDIATE");
        if (result == SQLitePCL.raw.SQLITE_OK)
        {
            SQLitePCL.raw.sqlite3_exec(sqlite.Handle, "ROLLBACK");
            return false;
        }

        return result == SQLitePCL.raw.SQLITE_BUSY;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"(/admin/payments\\?handler=File&amp;id=\\d+)\"")]
    private static partial Regex FileLink();
}
