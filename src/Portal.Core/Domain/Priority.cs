namespace Portal.Core.Domain;

/// <summary>Priorities, most urgent first.</summary>
public enum Priority
{
    Critical = 1,
    High = 2,
    Medium = 3,
    Low = 4,
}
