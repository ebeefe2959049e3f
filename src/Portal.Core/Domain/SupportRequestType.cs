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

    /// <summary>"I have seen something suspicious", answered from a notice: at least High priority.</summary>
    SuspiciousReport,

    /// <summary>A call to make: the person has not confirmed a notice after every other step of its ladder.</summary>
    WelfareCall,
    Other,
}
