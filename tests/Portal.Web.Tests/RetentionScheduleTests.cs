using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>The retention job is scheduled from configuration when the portal starts, and a period it cannot use stops the start with what to set.</summary>
public sealed class RetentionScheduleTests
{
    [Fact]
    public async Task Start_SchedulesRetentionAtTheConfiguredTime()
    {
        await using var factory = new PortalFactory { Settings = { ["Retention:Cron"] = "15 4 * * *" } };
        factory.CreateClient();

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == Portal.Core.Jobs.RetentionJob.RecurringJobId);

        Assert.Equal("15 4 * * *", job.Cron);
        Assert.Equal(nameof(Portal.Core.Jobs.RetentionJob.RunAsync), job.Job.Method.Name);
    }

    [Fact]
    public void Start_WithARetentionPeriodUnderADay_StopsWithWhatToSet()
    {
        using var factory = new PortalFactory { Settings = { ["Retention:Deliveries"] = "00:10:00" } };

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Retention:Deliveries is 00:10:00; it must be at least a day", error.ToString());
    }
}
