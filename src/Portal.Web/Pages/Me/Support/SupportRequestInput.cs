using System.Text.Json;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Web.Pages.Me.Support;

/// <summary>The new-request form's own input. Enums are nullable so "nothing chosen" is a message, not a binding error.</summary>
public sealed class SupportRequestInput
{
    public SupportRequestType? Type { get; set; }
    public StatedUrgency? StatedUrgency { get; set; }
    public string? Description { get; set; }
    public ContactMethod? ContactMethod { get; set; }
    public string? ContactPhone { get; set; }
    public bool ConsentToShare { get; set; }

    /// <summary>Identifies one completed form, so sending it twice makes one request.</summary>
    public Guid? SubmissionKey { get; set; }

    public static IReadOnlyList<string> QuestionOrder { get; } =
        [nameof(Type), nameof(StatedUrgency), nameof(Description), nameof(ContactMethod), nameof(ContactPhone), nameof(ConsentToShare)];

    /// <summary>Problems keyed by property name, in the order the questions appear.</summary>
    public Dictionary<string, string> Validate()
    {
        var problems = new Dictionary<string, string>();
        if (Type is null)
        {
            problems[nameof(Type)] = "Select what you need help with";
        }

        if (StatedUrgency is null)
        {
            problems[nameof(StatedUrgency)] = "Select how soon you need help";
        }

        var checkedByService = SupportRequests.Check(ToRequest());
        if (checkedByService.TryGetValue(nameof(Description), out var description))
        {
            problems[nameof(Description)] = description;
        }

        if (ContactMethod is null)
        {
            problems[nameof(ContactMethod)] = "Select how you want us to contact you";
        }
        else if (checkedByService.TryGetValue(nameof(ContactPhone), out var phone))
        {
            problems[nameof(ContactPhone)] = phone;
        }

        if (checkedByService.TryGetValue(nameof(ConsentToShare), out var consent))
        {
            problems[nameof(ConsentToShare)] = consent;
        }

        return problems;
    }

    public NewSupportRequest ToRequest() => new(
        Type ?? SupportRequestType.Other, StatedUrgency ?? Portal.Core.Domain.StatedUrgency.NoRush, Description ?? "",
        ContactMethod ?? Portal.Core.Domain.ContactMethod.Portal, ContactPhone, ConsentToShare, SubmissionKey);

    // The draft travels between the form and the check page in TempData, which is encrypted.
    public const string DraftKey = "SupportRequestDraft";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SupportRequestInput? FromJson(object? json) => json is string text ? JsonSerializer.Deserialize<SupportRequestInput>(text) : null;
}
