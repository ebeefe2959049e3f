namespace Portal.Core.Support;

/// <summary>The three sets of bank holidays in the United Kingdom.</summary>
public enum UkNation
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}
