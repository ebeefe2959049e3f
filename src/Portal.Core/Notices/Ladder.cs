using System.Globalization;
using Portal.Core.Domain;
using Portal.Core.Validation;

namespace Portal.Core.Notices;

/// <summary>
/// A campaign's escalation ladder: for each step, how many hours after a person's notice was sent, without their
/// confirmation, it comes. A step without hours is left out; the steps that are in come in order, each later than the one before.
/// </summary>
public sealed record Ladder(int? ReminderAfterHours, int? TextAfterHours, int? LetterAfterHours, int? CallAfterHours)
{
    /// <summary>Thirty days: a step later than this is not escalation.</summary>
    public const int MaxHours = 720;

    public static Ladder None { get; } = new(null, null, null, null);

    public static Ladder Of(NoticeCampaign campaign) =>
        new(campaign.ReminderAfterHours, campaign.TextAfterHours, campaign.LetterAfterHours, campaign.CallAfterHours);

    /// <summary>The steps that are in, in order, with their hours.</summary>
    public IReadOnlyList<(LadderStep Step, int Hours)> Steps =>
        [.. new (LadderStep Step, int? Hours)[] { (LadderStep.Reminder, ReminderAfterHours), (LadderStep.Text, TextAfterHours), (LadderStep.Letter, LetterAfterHours), (LadderStep.Call, CallAfterHours) }
            .Where(s => s.Hours is not null).Select(s => (s.Step, s.Hours!.Value))];

    public bool IsEmpty => Steps.Count == 0;

    public void ApplyTo(NoticeCampaign campaign) =>
        (campaign.ReminderAfterHours, campaign.TextAfterHours, campaign.LetterAfterHours, campaign.CallAfterHours) = (ReminderAfterHours, TextAfterHours, LetterAfterHours, CallAfterHours);

    public static string Describe(LadderStep step) => step switch
    {
        LadderStep.Reminder => "reminder e-mail",
        LadderStep.Text => "text message",
        LadderStep.Letter => "letter",
        _ => "welfare call",
    };

    /// <summary>The ladder as typed (whole hours, or empty to leave a step out), with a problem for each field that is wrong, at "Ladder.&lt;Step&gt;".</summary>
    public static (Ladder Ladder, List<FieldProblem> Problems) Parse(LadderDraft? draft)
    {
        var problems = new List<FieldProblem>();
        if (draft is null)
        {
            return (None, problems);
        }

        int? Read(string? typed, LadderStep step)
        {
            var text = typed?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= MaxHours)
            {
                return hours;
            }

            problems.Add(new FieldProblem("Ladder." + step, string.Create(CultureInfo.InvariantCulture,
                $"Enter the hours before the {Describe(step)} as a whole number from 1 to {MaxHours}, or leave it empty to leave the step out")));
            return null;
        }

        var ladder = new Ladder(Read(draft.Reminder, LadderStep.Reminder), Read(draft.Text, LadderStep.Text), Read(draft.Letter, LadderStep.Letter), Read(draft.Call, LadderStep.Call));
        if (problems.Count == 0)
        {
            var steps = ladder.Steps;
            for (var i = 1; i < steps.Count; i++)
            {
                if (steps[i].Hours <= steps[i - 1].Hours)
                {
                    problems.Add(new FieldProblem("Ladder." + steps[i].Step, string.Create(CultureInfo.InvariantCulture,
                        $"The {Describe(steps[i].Step)} must come later than the {Describe(steps[i - 1].Step)} ({steps[i - 1].Hours} hours): enter more than {steps[i - 1].Hours}")));
                }
            }
        }

        return (ladder, problems);
    }
}
