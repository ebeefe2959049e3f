namespace Portal.Core.Domain;

public enum StatedUrgency
{
    NoRush,
    ThisWeek,
    Today,
}
