namespace Portal.Web.Tests.Infrastructure;

/// <summary>Asking for support as a person does: the questions answered, the answers checked, then sent.</summary>
public static class SupportForms
{
    public const string Description = "A man asked for me by name at the front desk.";

    /// <summary>Complete, valid answers to every question.</summary>
    public static (string, string)[] Answers(string description = Description) =>
    [
        ("Input.Type", "SuspiciousApproach"), ("Input.StatedUrgency", "Today"), ("Input.Description", description),
        ("Input.ContactMethod", "Phone"), ("Input.ContactPhone", "07700 900982"), ("Input.ConsentToShare", "true"),
    ];

    /// <summary>Answers the questions, then sends from "check your answers"; the response to sending.</summary>
    public static async Task<HttpResponseMessage> SendSupportRequestAsync(this HttpClient client, string description = Description)
    {
        await client.SubmitAsync("/support/new", "/support/new", Answers(description));
        return await client.SubmitAsync("/support/new/check", "/support/new/check");
    }

    /// <summary>Sends a request and returns its reference, as the confirmation page shows it.</summary>
    public static async Task<string> AskForSupportAsync(this HttpClient client, string description = Description)
    {
        var confirmation = await client.FollowAsync(await client.SendSupportRequestAsync(description));
        return confirmation.QuerySelector("[data-testid='reference']")!.TextContent;
    }
}
