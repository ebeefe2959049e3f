namespace Portal.Core.Domain;

/// <summary>One day's board pack: the oversight figures for the day before it and since each open incident began, as a PDF and a CSV.</summary>
public sealed class BoardPack
{
    public int Id { get; set; }

    /// <summary>The UK day it is the pack for; one pack a day, whichever node writes it.</summary>
    public DateOnly ForDate { get; set; }

    /// <summary>The "last day" it covers: the 24 hours to the pack's time.</summary>
    public DateTime PeriodFromUtc { get; set; }
    public DateTime PeriodToUtc { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Whether the job wrote it at its time, or made it up at a start after the portal was down then.</summary>
    public bool MadeUp { get; set; }

    public required byte[] Pdf { get; set; }
    public required byte[] Csv { get; set; }
}
