namespace Portal.Core.Outreach;

/// <summary>Within one unit and work location: how many people the scope covers and how many have confirmed.</summary>
public sealed record UnconfirmedGroup(string Unit, string WorkLocation, int People, int Confirmed)
{
    public int Unconfirmed => People - Confirmed;

    /// <summary>The share confirmed, 0 to 1.</summary>
    public double Rate => People == 0 ? 0 : (double)Confirmed / People;
}
