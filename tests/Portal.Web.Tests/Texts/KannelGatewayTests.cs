using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Texts;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Texts;

/// <summary>Handing a text to a real Kannel gateway when the sender is told to stop (a node stopping, or Hangfire aborting a job).</summary>
public sealed class KannelGatewayTests
{
    private const string International = "447700900982";

    [Fact]
    public async Task TheSenderToldToStop_WhileTheGatewayConfirmsAText_WaitsForItsAnswer_AndAskedBeforeItStarts_SendsNothing()
    {
        await using var centre = await SmsCentre.StartAsync();
        await using var factory = new PortalFactory().TextingThrough(centre);
        using var scope = factory.Services.CreateScope();
        var gateway = scope.ServiceProvider.GetRequiredService<ISmsGateway>();

        // Told to stop before the handover: nothing reaches the gateway.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.SendAsync(new SmsMessage(1, International, "Not sent"), new CancellationToken(canceled: true)));

        // Told to stop while the gateway holds the text and has not yet answered: the sender waits for the answer, so
        // that what it hands to whoever records it says the text went (recording it "not sent" would send it twice).
        await centre.PauseAsync();
        using var stopping = new CancellationTokenSource();
        var sending = gateway.SendAsync(new SmsMessage(2, International, "Your code is 482913"), stopping.Token);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(sending.IsCompleted, "The paused gateway answered at once, so this test shows nothing.");
        await stopping.CancelAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        await centre.ResumeAsync();

        var result = await sending;

        Assert.Equal(SmsOutcome.Accepted, result.Outcome);
        var received = await centre.WaitForAsync(1);
        Assert.Equal([(International, "Your code is 482913")], received.Select(r => (r.To, r.Text)));
    }
}
