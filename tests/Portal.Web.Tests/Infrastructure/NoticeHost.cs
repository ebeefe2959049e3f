using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The portal sending through real servers on loopback (SMTP, and Kannel for texts), with small batches and short retries.</summary>
public static class NoticeHost
{
    public static readonly Actor Admin = new(null, "admin-subject", "127.0.0.1");
    public static readonly Actor SecondAdmin = new(null, "second-admin-subject", "127.0.0.1");

    public static PortalFactory For(SmtpSink sink, params (string Key, string Value)[] settings)
    {
        var factory = new PortalFactory().SendingThrough(sink);
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    /// <summary>Sets a portal not yet started to send through this server, in batches of 50, retrying after a second.</summary>
    public static T SendingThrough<T>(this T factory, SmtpSink sink)
        where T : PortalFactory
    {
        factory.Settings["Mail:Delivery"] = "Smtp";
        factory.Settings["Mail:Host"] = "127.0.0.1";
        factory.Settings["Mail:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Mail:Security"] = "None";
        factory.Settings["Mail:TimeoutSeconds"] = "5";
        factory.Settings["Notices:Parallelism"] = "2";
        factory.Settings["Notices:BatchSize"] = "50";
        factory.Settings["Notices:RetryDelaysSeconds:0"] = "1";
        factory.Settings["Notices:SchedulePollingInterval"] = "00:00:01";
        factory.Settings["Notices:ApprovalThreshold"] = "100000";
        return factory;
    }

    /// <summary>Sets a portal not yet started to send its texts through this Kannel gateway.</summary>
    public static T TextingThrough<T>(this T factory, SmsCentre centre)
        where T : PortalFactory
    {
        factory.Settings["Texts:Delivery"] = "Kannel";
        factory.Settings["Texts:KannelUrl"] = centre.SendSmsUrl;
        factory.Settings["Texts:Username"] = SmsCentre.Username;
        factory.Settings["Texts:Password"] = SmsCentre.Password;
        return factory;
    }

    /// <summary>Creates a campaign to everyone active and sends it now, as an administrator would.</summary>
    public static async Task<int> SendToEveryoneAsync(this PortalFactory factory, string subject = "Warning: the card supplier breach")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<Campaigns>();
        var id = await campaigns.CreateAsync(Admin, new CampaignDraft(subject, "Dear ((given_name)), please sign in: ((notice_link))", null, AudienceKind.EveryoneActive, null, [], null));
        await campaigns.SendAsync(Admin, id, 0, null);
        return id;
    }

    public static async Task<CampaignProgress> ProgressAsync(this PortalFactory factory, int campaignId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CampaignReports>().ProgressAsync(campaignId))!;
    }

    public static async Task<List<Delivery>> DeliveriesAsync(this PortalFactory factory, int campaignId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Deliveries.AsNoTracking().Where(d => d.CampaignId == campaignId).ToListAsync();
    }

    /// <summary>Waits for a condition that background work will make true, failing with what was last seen.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting; last seen: {value}");
            }

            await Task.Delay(100);
        }
    }
}
