using System.Text.Json;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Core.Validation;

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

    /// <summary>The notice being answered ("I need support" on a notice); checked to be the person's own.</summary>
    public int? CampaignId { get; set; }

    /// <summary>Identifies one completed form, so sending it twice makes one request.</summary>
    public Guid? SubmissionKey { get; set; }

    public static IReadOnlyList<string> QuestionOrder { get; } =
        [nameof(Type), nameof(StatedUrgency), nameof(Description), nameof(ContactMethod), nameof(ContactPhone), nameof(ConsentToShare)];

    /// <summary>The problems with the answers, each against its property, in the order the questions appear.</summary>
    public List<FieldProblem> Validate()
    {
        var problems = new List<FieldProblem>();
        if (Type is null)
        {
            problems.Add(new(nameof(Type), "Select what you need help with"));
        }

        if (StatedUrgency is null)
        {
            problems.Add(new(nameof(StatedUrgency), "Select how soon you need help"));
        }

        var checkedByService = SupportRequests.Check(ToRequest());
        problems.AddRange(checkedByService.Where(p => p.Field == nameof(Description)));
        if (ContactMethod is null)
        {
            problems.Add(new(nameof(ContactMethod), "Select how you want us to contact you"));
        }
        else
        {
            problems.AddRange(checkedByService.Where(p => p.Field == nameof(ContactPhone)));
        }

        problems.AddRange(checkedByService.Where(p => p.Field == nameof(ConsentToShare)));
        return problems;
    }

    public NewSupportRequest ToRequest() => new(
        Type ?? SupportRequestType.Other, StatedUrgency ?? Portal.Core.Domain.StatedUrgency.NoRush, Description ?? "",
        ContactMethod ?? Portal.Core.Domain.ContactMethod.Portal, ContactPhone, ConsentToShare, SubmissionKey, CampaignId);

    // The draft travels between the form and the check page in TempData, which is encrypted.
    public const string DraftKey = "SupportRequestDraft";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SupportRequestInput? FromJson(object? json) => json is string text ? JsonSerializer.Deserialize<SupportRequestInput>(text) : null;
}
