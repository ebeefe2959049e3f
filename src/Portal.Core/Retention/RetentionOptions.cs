namespace Portal.Core.Retention;

/// <summary>The <c>Retention</c> section: how long what is no longer needed is kept, and when the job that removes it runs.</summary>
public sealed class RetentionOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>A closed or withdrawn support request, with its messages, notes and history, is removed this long after its last change.</summary>
    public TimeSpan ClosedSupportRequests { get; set; } = TimeSpan.FromDays(730);

    /// <summary>A finished (completed or cancelled) campaign's delivery rows — who was sent it, when, and what failed — are removed this long after it finished.</summary>
    public TimeSpan Deliveries { get; set; } = TimeSpan.FromDays(365);

    /// <summary>When the job runs (Hangfire cron, in UTC): by default daily at 03:00.</summary>
    public string Cron { get; set; } = "0 3 * * *";

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (ClosedSupportRequests < TimeSpan.FromDays(1))
        {
            yield return new($"Retention:ClosedSupportRequests is {ClosedSupportRequests}; it must be at least a day (1.00:00:00), so nothing is removed the moment it closes.", [nameof(ClosedSupportRequests)]);
        }

        if (Deliveries < TimeSpan.FromDays(1))
        {
            yield return new($"Retention:Deliveries is {Deliveries}; it must be at least a day (1.00:00:00).", [nameof(Deliveries)]);
        }

        if (string.IsNullOrWhiteSpace(Cron))
        {
            yield return new("Retention:Cron is empty; give a cron expression such as \"0 3 * * *\" (daily at 03:00 UTC).", [nameof(Cron)]);
        }
    }
}
