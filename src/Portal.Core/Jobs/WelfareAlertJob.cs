using Portal.Core.Support;

namespace Portal.Core.Jobs;

/// <summary>Warns the welfare team of targets about to be missed and of reviews due (<see cref="WelfareAlerts"/>), every few minutes on whichever node takes it.</summary>
public sealed class WelfareAlertJob(WelfareAlerts alerts)
{
    public const string RecurringJobId = "welfare-alerts";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => alerts.RunAsync(cancellationToken);
}
