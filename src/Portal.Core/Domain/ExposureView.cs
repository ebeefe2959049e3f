namespace Portal.Core.Domain;

/// <summary>When a person last saw what the incidents held about them; a change after it is "changed since you last looked".</summary>
public sealed class ExposureView
{
    public int PersonId { get; set; }
    public DateTime SeenUtc { get; set; }
}
