namespace Portal.Core.Support;

/// <summary>The welfare team's working hours (section <c>Support:WorkingHours</c>): Monday to Friday, between these UK times, except bank holidays.</summary>
public sealed class WorkingHoursOptions
{
    /// <summary>Whose bank holidays the team keeps: England and Wales, Scotland or Northern Ireland.</summary>
    public UkNation Nation { get; set; } = UkNation.EnglandAndWales;

    /// <summary>When the working day starts, UK time.</summary>
    public TimeOnly Start { get; set; } = new(9, 0);

    /// <summary>When it ends, UK time.</summary>
    public TimeOnly End { get; set; } = new(17, 0);
}
