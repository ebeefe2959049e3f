namespace Portal.Core.Domain;

/// <summary>How sure the force is that an incident held a field, as the investigation goes on.</summary>
public enum FieldStatus
{
    Suspected,
    Confirmed,

    /// <summary>The investigation found the incident did not hold it after all.</summary>
    RuledOut,
}
