using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Core.Texts;

/// <summary>
/// Sends through Kannel's HTTP sendsms interface, asking for delivery reports at <see cref="DeliveryReportTokens"/>.
/// Its HTTP client logs nothing: the address it calls carries the number, the text and the password.
/// </summary>
public sealed class KannelGateway(HttpClient http, IOptions<SmsOptions> options, DeliveryReportTokens reports) : ISmsGateway
{
    /// <summary>Delivered (1), failed (2), accepted by the centre (8) and refused by it (16).</summary>
    private const int ReportMask = 1 | 2 | 8 | 16;

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var encoding = GsmAlphabet.Measure(message.Text);
        var query = string.Join('&', new (string Name, string Value)[]
        {
            ("username", settings.Username ?? ""), ("password", settings.Password ?? ""), ("from", settings.Sender), ("to", message.To),
            ("text", message.Text), ("charset", "UTF-8"), ("coding", encoding.KannelCoding.ToString(CultureInfo.InvariantCulture)),
            ("dlr-mask", ReportMask.ToString(CultureInfo.InvariantCulture)), ("dlr-url", reports.UrlFor(message.Id)),
        }.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));

        // Cancelled only before the handover starts, never part way (see ISmsGateway.SendAsync): the gateway's own
        // timeout bounds a gateway that does not answer.
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await http.GetAsync(settings.KannelUrl + "?" + query, timeout.Token);
            var answer = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            answer = answer.Length > 200 ? answer[..200] : answer;
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                return new SmsSendResult(SmsOutcome.Accepted, answer);
            }

            // Kannel says 503 when it is overloaded or shutting down; anything else 4xx is a refusal it would repeat.
            return (int)response.StatusCode is >= 500 or 429
                ? new SmsSendResult(SmsOutcome.Unavailable, $"The gateway answered {(int)response.StatusCode}: {answer}")
                : new SmsSendResult(SmsOutcome.Refused, $"The gateway refused it ({(int)response.StatusCode}): {answer}");
        }
        catch (HttpRequestException e)
        {
            return new SmsSendResult(SmsOutcome.Unavailable, "The gateway cannot be reached: " + (e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : e.HttpRequestError.ToString()));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new SmsSendResult(SmsOutcome.Unavailable, $"The gateway did not answer within {settings.TimeoutSeconds} s");
        }
    }
}
