namespace Portal.Core.Notices;

/// <summary>How many of a unit's recipients have confirmed reading the notice.</summary>
public sealed record UnitAcknowledgement(string Unit, int Recipients, int Acknowledged)
{
    public double Rate => Recipients == 0 ? 0 : (double)Acknowledged / Recipients;
}
