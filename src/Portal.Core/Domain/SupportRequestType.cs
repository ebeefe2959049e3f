namespace Portal.Core.Domain;

public enum SupportRequestType
{
    UrgentThreat,
    HomeOrVehicleSecurity,
    OnlineFootprint,
    RelocationOrDeployment,
    Wellbeing,
    Family,
    ReplacementCard,
    SuspiciousApproach,
    Other,
}
