namespace Portal.Core.Domain;

/// <summary>A measure a threat assessment can recommend, in rising order of cost and disruption.</summary>
public enum ProtectiveMeasureKind
{
    Advice,
    OnlineFootprint,
    HomeSecuritySurvey,
    AlarmOrPanicButton,
    ChangeOfDuties,
    TemporaryRelocation,
}
